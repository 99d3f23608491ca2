import { Briefcase } from '@strapi/icons';

/** The plugin's entry in the main menu. */
export const PluginIcon = () => <Briefcase />;
