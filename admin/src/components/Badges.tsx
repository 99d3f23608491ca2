import { Badge, Flex, Status, Typography } from '@strapi/design-system';
import type { AccountStatus, MembershipStatus, MembershipType } from '../../../shared/contracts';
import { useT } from '../hooks/useT';

const STATUS_VARIANT = {
  pending: 'secondary',
  invited: 'primary',
  rejected: 'danger',
  active: 'success',
  inactive: 'neutral',
  suspended: 'danger',
} as const;

/** A membership's or an account's status, as a coloured dot and its name. */
export const StatusBadge = ({ status }: { status: MembershipStatus | AccountStatus }) => {
  const t = useT();
  return (
    <Status variant={STATUS_VARIANT[status]} size="S">
      <Typography tag="span" variant="omega" fontWeight="bold">
        {t(`status.${status}`)}
      </Typography>
    </Status>
  );
};

export const TypeBadge = ({ type }: { type: MembershipType }) => {
  const t = useT();
  return <Badge active={type === 'owner'}>{t(`type.${type}`)}</Badge>;
};

/** Permission keys by their labels; owners hold them all. */
export const PermissionList = ({
  permissions,
  labelOf,
  owner = false,
}: {
  permissions: string[];
  labelOf: (key: string) => string;
  owner?: boolean;
}) => {
  const t = useT();
  if (owner) return <Typography textColor="neutral600">{t('permissions.all')}</Typography>;
  if (permissions.length === 0)
    return <Typography textColor="neutral500">{t('permissions.none')}</Typography>;
  return (
    <Flex gap={1} wrap="wrap">
      {permissions.map((key) => (
        <Badge key={key} size="S">
          {labelOf(key)}
        </Badge>
      ))}
    </Flex>
  );
};
