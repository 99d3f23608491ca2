import { Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import {
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TYPES,
  type Member,
  type Paginated,
} from '../../../shared/contracts';
import { useListQuery } from '../hooks/useListQuery';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { MembersTable } from './MembersTable';
import { ListPagination } from './ListPagination';

type Props = {
  accountId: string;
  owners: number;
  canManage: boolean;
  canImpersonate: boolean;
  labelOf: (key: string) => string;
  onEdit: (member: Member) => void;
};

const ALL = 'all';

/** The Contacts tab: filters by status and type, the table and its pages. */
export const ContactsTab = ({
  accountId,
  owners,
  canManage,
  canImpersonate,
  labelOf,
  onEdit,
}: Props) => {
  const t = useT();
  const { page, pageSize, filter, setFilter } = useListQuery();
  const status = MEMBERSHIP_STATUSES.find((s) => s === filter('status'));
  const type = MEMBERSHIP_TYPES.find((s) => s === filter('type'));
  const params = { page, pageSize, status, type };
  const { data, loading } = useLoad<Paginated<Member>>(`/accounts/${accountId}/members`, params);
  const members = data?.data ?? [];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2}>
        <SingleSelect
          aria-label={t('filter.status')}
          value={status ?? ALL}
          onChange={(value) => setFilter('status', value === ALL ? undefined : String(value))}
        >
          <SingleSelectOption value={ALL}>{t('filter.allStatuses')}</SingleSelectOption>
          {MEMBERSHIP_STATUSES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`status.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <SingleSelect
          aria-label={t('filter.type')}
          value={type ?? ALL}
          onChange={(value) => setFilter('type', value === ALL ? undefined : String(value))}
        >
          <SingleSelectOption value={ALL}>{t('filter.allTypes')}</SingleSelectOption>
          {MEMBERSHIP_TYPES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`type.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Flex>
      <MembersTable
        accountId={accountId}
        members={members}
        isLoading={loading && !data}
        owners={owners}
        canManage={canManage}
        canImpersonate={canImpersonate}
        labelOf={labelOf}
        onEdit={onEdit}
      />
      <ListPagination pagination={data?.meta.pagination} />
    </Flex>
  );
};
