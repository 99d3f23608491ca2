import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Box, Tabs } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';
import { PLUGIN_ID } from '../pluginId';

const HOME = `/plugins/${PLUGIN_ID}`;

/** The plugin's page: its header and the Accounts / Users tabs, each a route. */
export const HomeLayout = () => {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = pathname.replace(/\/$/, '').endsWith('/users') ? 'users' : 'accounts';

  return (
    <Page.Main>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header title={t('plugin.name')} subtitle={t('home.subtitle')} />
      <Layouts.Content>
        <Tabs.Root
          value={tab}
          onValueChange={(value) => navigate(value === 'users' ? `${HOME}/users` : HOME)}
        >
          <Tabs.List aria-label={t('home.tabs')}>
            <Tabs.Trigger value="accounts">{t('tab.accounts')}</Tabs.Trigger>
            <Tabs.Trigger value="users">{t('tab.users')}</Tabs.Trigger>
          </Tabs.List>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Outlet />
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
