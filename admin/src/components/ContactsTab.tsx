import { useState } from 'react';
import {
  EmptyStateLayout,
  Flex,
  Loader,
  SingleSelect,
  SingleSelectOption,
} from '@strapi/design-system';
import {
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TYPES,
  type Member,
  type MembershipStatus,
  type MembershipType,
  type Paginated,
} from '../../../shared/contracts';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { MembersTable } from './MembersTable';
import { Pager } from './Pager';

type Props = {
  accountId: string;
  owners: number;
  canManage: boolean;
  labelOf: (key: string) => string;
  version: number;
  onEdit: (member: Member) => void;
  onChanged: () => void;
};

const ALL = 'all';

/** The Contacts tab: filters by status and type, the table and its pages. */
export const ContactsTab = ({
  accountId,
  owners,
  canManage,
  labelOf,
  version,
  onEdit,
  onChanged,
}: Props) => {
  const t = useT();
  const [status, setStatus] = useState<MembershipStatus | typeof ALL>(ALL);
  const [type, setType] = useState<MembershipType | typeof ALL>(ALL);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const params = {
    page,
    pageSize,
    status: status === ALL ? null : status,
    type: type === ALL ? null : type,
  };
  const { data, loading } = useLoad<Paginated<Member>>(
    `/accounts/${accountId}/members`,
    params,
    version
  );
  const members = data?.data ?? [];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2}>
        <SingleSelect
          aria-label={t('filter.status')}
          value={status}
          onChange={(value) => {
            setStatus(value as MembershipStatus | typeof ALL);
            setPage(1);
          }}
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
          value={type}
          onChange={(value) => {
            setType(value as MembershipType | typeof ALL);
            setPage(1);
          }}
        >
          <SingleSelectOption value={ALL}>{t('filter.allTypes')}</SingleSelectOption>
          {MEMBERSHIP_TYPES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`type.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Flex>
      {loading && !data ? (
        <Loader>{t('state.loading')}</Loader>
      ) : members.length === 0 ? (
        <EmptyStateLayout content={t('members.empty')} />
      ) : (
        <MembersTable
          accountId={accountId}
          members={members}
          owners={owners}
          canManage={canManage}
          labelOf={labelOf}
          onEdit={onEdit}
          onChanged={onChanged}
        />
      )}
      <Pager
        pagination={data?.meta.pagination}
        onPageChange={setPage}
        onPageSizeChange={(size) => {
          setPageSize(size);
          setPage(1);
        }}
      />
    </Flex>
  );
};
