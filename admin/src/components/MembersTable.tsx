import {
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import type { Member } from '../../../shared/contracts';
import { useFormatDate, useT } from '../hooks/useT';
import { PermissionList, StatusBadge, TypeBadge } from './Badges';
import { ImpersonateButton } from './ImpersonateButton';
import { MemberActions } from './MemberActions';

type Props = {
  accountId: string;
  members: Member[];
  owners: number;
  canManage: boolean;
  /** The admin holds `impersonate`: active members who are users get the action. */
  canImpersonate: boolean;
  labelOf: (key: string) => string;
  onEdit: (member: Member) => void;
  onChanged: () => void;
};

const COLUMNS = 8;

/** Owner, contacts, guests and open invitations of an account. */
export const MembersTable = ({
  accountId,
  members,
  owners,
  canManage,
  canImpersonate,
  labelOf,
  onEdit,
  onChanged,
}: Props) => {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <Table colCount={COLUMNS} rowCount={members.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('column.type')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('column.nameEmail')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('column.accountNumber')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('column.userId')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('column.created')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('column.status')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('column.permissions')}</Typography>
          </Th>
          <Th>
            <VisuallyHidden>{t('column.actions')}</VisuallyHidden>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {members.map((member) => (
          <Tr key={member.documentId} data-member={member.email}>
            <Td>
              <TypeBadge type={member.type} />
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start">
                <Typography fontWeight="semiBold">{member.user?.username ?? '—'}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {member.email}
                </Typography>
              </Flex>
            </Td>
            <Td>
              <Typography>{member.account.number}</Typography>
            </Td>
            <Td>
              <Typography>{member.user?.id ?? '—'}</Typography>
            </Td>
            <Td>
              <Typography>{formatDate(member.createdAt)}</Typography>
            </Td>
            <Td>
              <StatusBadge status={member.status} />
            </Td>
            <Td maxWidth="16rem">
              <PermissionList
                permissions={member.permissions}
                labelOf={labelOf}
                owner={member.type === 'owner'}
              />
            </Td>
            <Td>
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
                    onChanged={onChanged}
                  />
                )}
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
