export const PLUGIN_ID = 'multi-account';
