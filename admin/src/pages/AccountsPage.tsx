import { useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Button,
  EmptyStateLayout,
  Flex,
  Loader,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { SearchInput, useRBAC } from '@strapi/strapi/admin';
import type { AdminAccount, Paginated } from '../../../shared/contracts';
import { StatusBadge } from '../components/Badges';
import { CreateAccountModal } from '../components/CreateAccountModal';
import { ListPagination } from '../components/ListPagination';
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
      {loading && !data ? (
        <Loader>{t('state.loading')}</Loader>
      ) : accounts.length === 0 ? (
        <EmptyStateLayout content={q ? t('accounts.noMatch') : t('accounts.empty')} />
      ) : (
        <Table colCount={6} rowCount={accounts.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('column.number')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('column.name')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('column.owner')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('column.members')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('column.status')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('column.created')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {accounts.map((account) => (
              <Tr
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
                <Td>
                  <Typography>{account.number}</Typography>
                </Td>
                <Td>
                  <Typography fontWeight="semiBold">{account.name}</Typography>
                </Td>
                <Td>
                  <Typography>{account.owner?.email ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{account.members}</Typography>
                </Td>
                <Td>
                  <StatusBadge status={account.status} />
                </Td>
                <Td>
                  <Typography>{formatDate(account.createdAt)}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
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
