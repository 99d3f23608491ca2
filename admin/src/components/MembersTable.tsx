import { Flex, Typography } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import type { Member } from '../../../shared/contracts';
import { useFormatDate, useT } from '../hooks/useT';
import { PermissionList, StatusBadge, TypeBadge } from './Badges';
import { ImpersonateButton } from './ImpersonateButton';
import { ListTable } from './ListTable';
import { MemberActions } from './MemberActions';

type Props = {
  accountId: string;
  members: Member[];
  isLoading: boolean;
  owners: number;
  canManage: boolean;
  /** The admin holds `impersonate`: active members who are users get the action. */
  canImpersonate: boolean;
  labelOf: (key: string) => string;
  onEdit: (member: Member) => void;
};

/** Owner, contacts, guests and open invitations of an account. */
export const MembersTable = ({
  accountId,
  members,
  isLoading,
  owners,
  canManage,
  canImpersonate,
  labelOf,
  onEdit,
}: Props) => {
  const t = useT();
  const formatDate = useFormatDate();
  const headers = [
    { name: 'type', label: t('column.type') },
    { name: 'email', label: t('column.nameEmail') },
    { name: 'account', label: t('column.accountNumber') },
    { name: 'user', label: t('column.userId') },
    { name: 'createdAt', label: t('column.created') },
    { name: 'status', label: t('column.status') },
    { name: 'permissions', label: t('column.permissions') },
    { name: 'actions', label: t('column.actions'), hidden: true },
  ];
  return (
    <ListTable
      headers={headers}
      rows={members.map((member) => ({ ...member, id: member.documentId }))}
      isLoading={isLoading}
      empty={t('members.empty')}
    >
      {members.map((member) => (
        <Table.Row key={member.documentId} data-member={member.email}>
          <Table.Cell>
            <TypeBadge type={member.type} />
          </Table.Cell>
          <Table.Cell>
            <Flex direction="column" alignItems="flex-start">
              <Typography fontWeight="semiBold">{member.user?.username ?? '—'}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {member.email}
              </Typography>
            </Flex>
          </Table.Cell>
          <Table.Cell>
            <Typography>{member.account.number}</Typography>
          </Table.Cell>
          <Table.Cell>
            <Typography>{member.user?.id ?? '—'}</Typography>
          </Table.Cell>
          <Table.Cell>
            <Typography>{formatDate(member.createdAt)}</Typography>
          </Table.Cell>
          <Table.Cell>
            <StatusBadge status={member.status} />
          </Table.Cell>
          <Table.Cell maxWidth="16rem">
            <PermissionList
              permissions={member.permissions}
              labelOf={labelOf}
              owner={member.type === 'owner'}
            />
          </Table.Cell>
          <Table.Cell>
            <Flex justifyContent="flex-end" gap={1} onClick={(e) => e.stopPropagation()}>
              {canImpersonate && member.user && member.status === 'active' && (
                <ImpersonateButton member={member} />
              )}
              {canManage && (
                <MemberActions
                  accountId={accountId}
                  member={member}
                  owners={owners}
                  onEdit={onEdit}
                />
              )}
            </Flex>
          </Table.Cell>
        </Table.Row>
      ))}
    </ListTable>
  );
};
