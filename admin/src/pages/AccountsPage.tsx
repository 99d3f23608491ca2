import { useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { SearchInput, Table, useRBAC } from '@strapi/strapi/admin';
import type { AdminAccount, Paginated } from '../../../shared/contracts';
import { StatusBadge } from '../components/Badges';
import { CreateAccountModal } from '../components/CreateAccountModal';
import { ListPagination } from '../components/ListPagination';
import { ListTable } from '../components/ListTable';
import { useListQuery } from '../hooks/useListQuery';
import { useLoad } from '../hooks/useLoad';
import { useFormatDate, useT } from '../hooks/useT';
import { PERMISSIONS } from '../permissions';

/** The Accounts tab: search by name, number or owner email, the table, and opening an account. */
export const AccountsPage = () => {
  const t = useT();
  const formatDate = useFormatDate();
  const navigate = useNavigate();
  const { allowedActions } = useRBAC(PERMISSIONS.manage);
  const { q, page, pageSize } = useListQuery();
  const [creating, setCreating] = useState(false);
  const { data, loading } = useLoad<Paginated<AdminAccount>>('/accounts', { q, page, pageSize });
  const accounts = data?.data ?? [];
  const headers = [
    { name: 'number', label: t('column.number') },
    { name: 'name', label: t('column.name') },
    { name: 'owner', label: t('column.owner') },
    { name: 'members', label: t('column.members') },
    { name: 'status', label: t('column.status') },
    { name: 'createdAt', label: t('column.created') },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2} justifyContent="space-between">
        <SearchInput label={t('accounts.search')} placeholder={t('accounts.search')} />
        {allowedActions.canManage && (
          <Button startIcon={<Plus />} onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        )}
      </Flex>
      <ListTable
        headers={headers}
        rows={accounts}
        isLoading={loading && !data}
        empty={q ? t('accounts.noMatch') : t('accounts.empty')}
      >
        {accounts.map((account) => (
          <Table.Row
            key={account.documentId}
            onClick={() => navigate(`accounts/${account.documentId}`)}
            // the table moves the focus between cells with the arrow keys; Enter on any of
            // them opens the account, as a click does
            onKeyDown={(event: KeyboardEvent) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                navigate(`accounts/${account.documentId}`);
              }
            }}
            style={{ cursor: 'pointer' }}
          >
            <Table.Cell>
              <Typography>{account.number}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography fontWeight="semiBold">{account.name}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography>{account.owner?.email ?? '—'}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography>{account.members}</Typography>
            </Table.Cell>
            <Table.Cell>
              <StatusBadge status={account.status} />
            </Table.Cell>
            <Table.Cell>
              <Typography>{formatDate(account.createdAt)}</Typography>
            </Table.Cell>
          </Table.Row>
        ))}
      </ListTable>
      <ListPagination pagination={data?.meta.pagination} />
      {creating && (
        <CreateAccountModal
          onClose={() => setCreating(false)}
          onDone={(account) => navigate(`accounts/${account.documentId}`)}
        />
      )}
    </Flex>
  );
};
