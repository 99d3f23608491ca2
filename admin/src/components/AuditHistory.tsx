import { Box, Flex, Typography } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import type { AuditEntry, Paginated } from '../../../shared/contracts';
import { useLoad } from '../hooks/useLoad';
import { isTranslationKey, useFormatDate, useT } from '../hooks/useT';
import { useListQuery } from '../hooks/useListQuery';
import { ListPagination } from './ListPagination';
import { ListTable } from './ListTable';

type Change = { from: unknown; to: unknown };

const isChange = (value: unknown): value is Change =>
  typeof value === 'object' && value !== null && 'from' in value && 'to' in value;

const isAccount = (value: unknown): value is { number: string; name: string } =>
  typeof value === 'object' && value !== null && 'number' in value && 'name' in value;

const isFile = (value: unknown): value is { id: number; name: string } =>
  typeof value === 'object' && value !== null && 'id' in value && 'name' in value;

const show = (value: unknown): string =>
  Array.isArray(value)
    ? value.join(', ') || '∅'
    : value === null || value === undefined
      ? '—'
      : isAccount(value)
        ? `${value.name} (${value.number})`
        : isFile(value)
          ? `${value.name} (#${value.id})`
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);

/** "email: a@b.c · permissions: billing → support" */
const summarize = (details: Record<string, unknown>) =>
  Object.entries(details)
    .filter(([key]) => key !== 'invitation')
    .map(
      ([key, value]) =>
        `${key}: ${isChange(value) ? `${show(value.from)} → ${show(value.to)}` : show(value)}`
    )
    .join(' · ');

/** An account's recent audit history: what changed, who did it, when. */
export const AuditHistory = ({ accountId }: { accountId: string }) => {
  const t = useT();
  const formatDate = useFormatDate(true);
  const { page, pageSize } = useListQuery(10);
  const { data, loading } = useLoad<Paginated<AuditEntry>>(`/accounts/${accountId}/audit`, {
    page,
    pageSize,
  });

  const entries = data?.data ?? [];
  const headers = [
    { name: 'createdAt', label: t('column.when') },
    { name: 'action', label: t('column.action') },
    { name: 'actor', label: t('column.actor') },
    { name: 'details', label: t('column.details') },
  ];

  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return isTranslationKey(key) ? t(key) : action;
  };
  const actorLabel = ({ actor }: AuditEntry) =>
    actor.type === 'system'
      ? t('audit.actor.system')
      : `${t(`audit.actor.${actor.type}`)} ${actor.name ?? `#${actor.id}`}`;

  return (
    <Box>
      <ListTable
        headers={headers}
        rows={entries.map((entry) => ({ ...entry, id: entry.documentId }))}
        isLoading={loading && !data}
        empty={t('audit.empty')}
      >
        {entries.map((entry) => (
          <Table.Row key={entry.documentId}>
            <Table.Cell>
              <Typography>{formatDate(entry.createdAt)}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography fontWeight="semiBold">{actionLabel(entry.action)}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography>{actorLabel(entry)}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Flex maxWidth="40rem">
                <Typography variant="pi" textColor="neutral600" ellipsis>
                  {summarize(entry.details)}
                </Typography>
              </Flex>
            </Table.Cell>
          </Table.Row>
        ))}
      </ListTable>
      <ListPagination pagination={data?.meta.pagination} defaultPageSize={10} />
    </Box>
  );
};
