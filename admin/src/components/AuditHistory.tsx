import {
  Box,
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
import type { AuditEntry, Paginated } from '../../../shared/contracts';
import { useLoad } from '../hooks/useLoad';
import { isTranslationKey, useFormatDate, useT } from '../hooks/useT';
import { useListQuery } from '../hooks/useListQuery';
import { ListPagination } from './ListPagination';

type Change = { from: unknown; to: unknown };

const isChange = (value: unknown): value is Change =>
  typeof value === 'object' && value !== null && 'from' in value && 'to' in value;

const isAccount = (value: unknown): value is { number: string; name: string } =>
  typeof value === 'object' && value !== null && 'number' in value && 'name' in value;

const show = (value: unknown): string =>
  Array.isArray(value)
    ? value.join(', ') || '∅'
    : value === null || value === undefined
      ? '—'
      : isAccount(value)
        ? `${value.name} (${value.number})`
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
export const AuditHistory = ({ accountId, version }: { accountId: string; version: number }) => {
  const t = useT();
  const formatDate = useFormatDate(true);
  const { page, pageSize } = useListQuery(10);
  const { data, loading } = useLoad<Paginated<AuditEntry>>(
    `/accounts/${accountId}/audit`,
    { page, pageSize },
    version
  );

  if (loading && !data) return <Loader small>{t('state.loading')}</Loader>;
  const entries = data?.data ?? [];
  if (entries.length === 0)
    return <Typography textColor="neutral600">{t('audit.empty')}</Typography>;

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
      <Table colCount={4} rowCount={entries.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('column.when')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('column.action')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('column.actor')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('column.details')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {entries.map((entry) => (
            <Tr key={entry.documentId}>
              <Td>
                <Typography>{formatDate(entry.createdAt)}</Typography>
              </Td>
              <Td>
                <Typography fontWeight="semiBold">{actionLabel(entry.action)}</Typography>
              </Td>
              <Td>
                <Typography>{actorLabel(entry)}</Typography>
              </Td>
              <Td>
                <Flex maxWidth="40rem">
                  <Typography variant="pi" textColor="neutral600" ellipsis>
                    {summarize(entry.details)}
                  </Typography>
                </Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <ListPagination pagination={data?.meta.pagination} defaultPageSize={10} />
    </Box>
  );
};
