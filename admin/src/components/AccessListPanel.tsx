import { useRBAC } from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';
import { PERMISSIONS } from '../permissions';
import { AccessList } from './AccessList';

const USER_MODEL = 'plugin::users-permissions.user';
// one list for the lifetime of the module: useRBAC compares what it checks between renders
const ACCESS_LIST_PERMISSIONS = [...PERMISSIONS.read, ...PERMISSIONS.manage];

type PanelProps = { model: string; documentId?: string };

/**
 * The Content Manager's edit-view side panel for a users-permissions user: their access list.
 * A description component (it answers the panel's title and content, or null to show nothing).
 */
export const AccessListPanel = ({ model, documentId }: PanelProps) => {
  const t = useT();
  const { allowedActions } = useRBAC(ACCESS_LIST_PERMISSIONS);
  if (model !== USER_MODEL || !documentId || !allowedActions.canRead) return null;
  return {
    title: t('access.title'),
    content: (
      <AccessList
        user={{ documentId }}
        canManage={allowedActions.canManage === true}
        pageSize={5}
      />
    ),
  };
};
