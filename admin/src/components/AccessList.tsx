import { useEffect, useState } from 'react';
import { Dialog, Flex, IconButton, Loader, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ConfirmDialog } from '@strapi/strapi/admin';
import type { AccessEntry, MemberUser, Paginated } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useCatalogue } from '../hooks/useCatalogue';
import { useLoad } from '../hooks/useLoad';
import { useFormatDate, useT } from '../hooks/useT';
import { PermissionList, StatusBadge, TypeBadge } from './Badges';
import { LocalPagination } from './ListPagination';

type Props = { user: Pick<MemberUser, 'documentId'>; canManage: boolean; pageSize?: number };

/**
 * A user's access list: the accounts they reach as a guest or a contact, with type, permissions,
 * status and since when, and remove access. Compact enough for the Content Manager's side panel.
 */
export const AccessList = ({ user, canManage, pageSize = 10 }: Props) => {
  const t = useT();
  const formatDate = useFormatDate();
  const { labelOf } = useCatalogue();
  const { send, busy } = useAction();
  const [page, setPage] = useState(1);
  const [removing, setRemoving] = useState<AccessEntry | null>(null);
  const { data, loading, reload } = useLoad<Paginated<AccessEntry>>(
    `/users/${user.documentId}/access`,
    { page, pageSize }
  );
  // the last entry of the last page removed: its page is gone, the one before it shows
  const pageCount = data?.meta.pagination.pageCount;
  useEffect(() => {
    if (pageCount !== undefined && pageCount > 0 && page > pageCount) setPage(pageCount);
  }, [page, pageCount]);

  const remove = async () => {
    if (!removing) return;
    const { account, documentId } = removing;
    const result = await send(
      'del',
      `/accounts/${account.documentId}/members/${documentId}`,
      undefined,
      t('access.removed', { account: account.name })
    );
    setRemoving(null);
    if (result.ok) reload();
  };

  if (loading && !data) return <Loader small>{t('state.loading')}</Loader>;
  const entries = data?.data ?? [];
  if (entries.length === 0)
    return <Typography textColor="neutral600">{t('access.empty')}</Typography>;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="access-list">
      {entries.map((entry) => (
        <Flex
          key={entry.documentId}
          direction="column"
          alignItems="stretch"
          gap={2}
          padding={3}
          hasRadius
          borderColor="neutral200"
          data-access={entry.account.number}
        >
          <Flex justifyContent="space-between" gap={2}>
            <Flex direction="column" alignItems="flex-start">
              <Typography fontWeight="bold">{entry.account.name}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {t('account.number', { number: entry.account.number })}
              </Typography>
            </Flex>
            {canManage && (
              <IconButton
                label={t('access.remove', { account: entry.account.name })}
                onClick={() => setRemoving(entry)}
                disabled={busy}
              >
                <Trash />
              </IconButton>
            )}
          </Flex>
          <Flex gap={2} wrap="wrap">
            <TypeBadge type={entry.type} />
            <StatusBadge status={entry.status} />
          </Flex>
          <PermissionList permissions={entry.permissions} labelOf={labelOf} />
          <Typography variant="pi" textColor="neutral600">
            {t('access.since', { date: formatDate(entry.createdAt) })}
          </Typography>
        </Flex>
      ))}
      <LocalPagination pagination={data?.meta.pagination} onPageChange={setPage} />
      <Dialog.Root open={removing !== null} onOpenChange={(open) => !open && setRemoving(null)}>
        <ConfirmDialog onConfirm={remove} title={t('member.removeTitle')}>
          <Typography>
            {t('access.removeConfirm', { account: removing?.account.name ?? '' })}
          </Typography>
        </ConfirmDialog>
      </Dialog.Root>
    </Flex>
  );
};
