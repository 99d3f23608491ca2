import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { AccountPage } from './AccountPage';
import { AccountsPage } from './AccountsPage';
import { HomeLayout } from './HomeLayout';
import { UsersPage } from './UsersPage';

/** The plugin's page at /admin/plugins/multi-account, for admins who may read accounts. */
const App = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Routes>
      <Route element={<HomeLayout />}>
        <Route index element={<AccountsPage />} />
        <Route path="users" element={<UsersPage />} />
      </Route>
      <Route path="accounts/:documentId" element={<AccountPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
