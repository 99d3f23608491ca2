import { useState } from 'react';
import { NavLink, useParams } from 'react-router-dom';
import { Box, Button, Flex, Link, Tabs, Typography } from '@strapi/design-system';
import { ArrowLeft, Mail, Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import type { AdminAccountDetail, Member } from '../../../shared/contracts';
import { AccountActions } from '../components/AccountActions';
import { AddContactModal } from '../components/AddContactModal';
import { AuditHistory } from '../components/AuditHistory';
import { StatusBadge } from '../components/Badges';
import { ContactsTab } from '../components/ContactsTab';
import { DocumentsTab } from '../components/DocumentsTab';
import { EditPermissionsModal } from '../components/EditPermissionsModal';
import { FilesTab } from '../components/FilesTab';
import { InviteGuestModal } from '../components/InviteGuestModal';
import { useCatalogue } from '../hooks/useCatalogue';
import { useListQuery } from '../hooks/useListQuery';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';

const TABS = ['contacts', 'documents', 'files', 'history'] as const;
// one list for the lifetime of the module: useRBAC compares what it checks between renders
const ACCOUNT_PAGE_PERMISSIONS = [...PERMISSIONS.manage, ...PERMISSIONS.impersonate];

type Dialog = { kind: 'invite' } | { kind: 'contact' } | { kind: 'edit'; member: Member } | null;

/** One account: its contacts (with every action on them) and its recent audit history. */
export const AccountPage = () => {
  const t = useT();
  const { documentId = '' } = useParams<{ documentId: string }>();
  const { allowedActions } = useRBAC(ACCOUNT_PAGE_PERMISSIONS);
  const canManage = allowedActions.canManage === true;
  const canImpersonate = allowedActions.canImpersonate === true;
  const { catalogue, labelOf } = useCatalogue();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { filter, showList } = useListQuery();
  const tab = TABS.find((name) => name === filter('tab')) ?? 'contacts';
  const { data, loading, failed } = useLoad<{ data: AdminAccountDetail }>(
    `/accounts/${documentId}`
  );

  if (loading && !data) return <Page.Loading />;
  if (failed || !data) return <Page.Error />;
  const account = data.data;
  // the modals' changes reload the account's loads by themselves (utils/resources)
  const done = () => setDialog(null);

  return (
    <Page.Main>
      <Page.Title>{account.name}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
            {t('action.back')}
          </Link>
        }
        title={account.name}
        subtitle={
          <Flex gap={3}>
            <Typography textColor="neutral600">
              {t('account.number', { number: account.number })}
            </Typography>
            <Typography textColor="neutral600">
              {t('account.ownedBy', { owner: account.owner?.email ?? '—' })}
            </Typography>
            <StatusBadge status={account.status} />
          </Flex>
        }
        primaryAction={
          canManage && (
            <Flex gap={2}>
              <AccountActions account={account} />
              <Button
                variant="secondary"
                startIcon={<Plus />}
                onClick={() => setDialog({ kind: 'contact' })}
              >
                {t('contact.open')}
              </Button>
              <Button startIcon={<Mail />} onClick={() => setDialog({ kind: 'invite' })}>
                {t('invite.open')}
              </Button>
            </Flex>
          )
        }
      />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={(value) => showList('tab', value)}>
          <Tabs.List aria-label={t('account.tabs')}>
            <Tabs.Trigger value="contacts">{t('tab.contacts')}</Tabs.Trigger>
            {account.documents.length > 0 && (
              <Tabs.Trigger value="documents">{t('tab.documents')}</Tabs.Trigger>
            )}
            {account.files !== null && <Tabs.Trigger value="files">{t('tab.files')}</Tabs.Trigger>}
            <Tabs.Trigger value="history">{t('tab.history')}</Tabs.Trigger>
          </Tabs.List>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Tabs.Content value="contacts">
              <ContactsTab
                accountId={documentId}
                owners={account.owners}
                canManage={canManage}
                canImpersonate={canImpersonate}
                labelOf={labelOf}
                onEdit={(member) => setDialog({ kind: 'edit', member })}
              />
            </Tabs.Content>
            <Tabs.Content value="documents">
              <DocumentsTab accountId={account.id} documents={account.documents} />
            </Tabs.Content>
            <Tabs.Content value="files">
              {account.files !== null && <FilesTab accountId={documentId} canManage={canManage} />}
            </Tabs.Content>
            <Tabs.Content value="history">
              <AuditHistory accountId={documentId} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
      {dialog?.kind === 'invite' && (
        <InviteGuestModal
          accountId={documentId}
          catalogue={catalogue}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'contact' && (
        <AddContactModal
          accountId={documentId}
          catalogue={catalogue}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditPermissionsModal
          accountId={documentId}
          member={dialog.member}
          catalogue={catalogue}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
    </Page.Main>
  );
};
