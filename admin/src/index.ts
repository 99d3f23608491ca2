import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PluginIcon } from './components/PluginIcon';
import { AccessListPanel } from './components/AccessListPanel';
import { AccountFilterLabels } from './components/AccountFilter';
import { SingleTypeAccountPanel } from './components/SingleTypeAccountPanel';
import { accountField, addAccountColumn, addAccountFilter, scopedSetting } from './content-manager';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

type TranslationModule = { default: Record<string, string> };

/** What the Content Manager's `addEditViewSidePanel` takes: components answering a panel or null. */
type SidePanel = ComponentType<never> | ((props: never) => unknown);
type ContentManagerApis = { addEditViewSidePanel: (panels: SidePanel[]) => void };
type ContentTypeBuilderApis = {
  forms: { extendContentType: (extension: typeof scopedSetting) => void };
};

const prefixKeys = (messages: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])
  );

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Multi-account' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/App'),
    });

    app.createSettingSection(
      {
        id: PLUGIN_ID,
        intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Multi-account' },
      },
      [
        {
          id: 'multi-account-settings',
          to: PLUGIN_ID,
          intlLabel: { id: `${PLUGIN_ID}.settings.link`, defaultMessage: 'Invitations' },
          permissions: PERMISSIONS.settings,
          Component: () => import('./pages/SettingsPage'),
        },
      ]
    );

    app.customFields.register(accountField);
    app.registerPlugin({ id: PLUGIN_ID, name: 'Multi-account' });
  },

  bootstrap(app: Pick<StrapiApp, 'getPlugin' | 'registerHook'>) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addAccountColumn);
    app.registerHook('Admin/CM/pages/ListView/inject-in-filters', addAccountFilter);
    const contentManager = app.getPlugin('content-manager');
    const apis = contentManager?.apis as Partial<ContentManagerApis> | undefined;
    apis?.addEditViewSidePanel?.([
      AccessListPanel as SidePanel,
      SingleTypeAccountPanel as SidePanel,
    ]);
    contentManager?.injectComponent('listView', 'actions', {
      name: `${PLUGIN_ID}-account-filter-labels`,
      Component: AccountFilterLabels,
    });
    const builder = app.getPlugin('content-type-builder')?.apis as
      Partial<ContentTypeBuilderApis> | undefined;
    builder?.forms?.extendContentType(scopedSetting);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(
            `./translations/${locale}.json`
          )) as TranslationModule;
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
