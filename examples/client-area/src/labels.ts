import type {
  MembershipStatus,
  MembershipType,
  OwnershipTransferStatus,
  Permission,
} from 'strapi-plugin-multi-account/client';

/** The statuses as the client area names them. */
export const STATUS_LABELS: Record<MembershipStatus, string> = {
  pending: 'Pending',
  invited: 'Invite sent',
  rejected: 'Rejected',
  active: 'Active',
  inactive: 'Inactive',
};

export const TYPE_LABELS: Record<MembershipType, string> = {
  owner: 'Owner',
  contact: 'Contact',
  guest: 'Guest',
};

/** Where an offer of the account's ownership stands, as its owner reads it. */
export const TRANSFER_STATUS_LABELS: Record<OwnershipTransferStatus, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  rejected: 'Rejected',
  cancelled: 'Withdrawn',
  expired: 'Expired',
};

const PERMISSION_LABELS: Record<string, string> = {
  billing: 'Billing',
  support: 'Support',
  provisioning: 'Provisioning',
  configuration: 'Configuration',
  security: 'Security',
  contacts: 'Contacts',
};

/** The plugin's keys by name; the host app's own keys (e.g. `reports`) capitalised. */
export const permissionLabel = (key: Permission) =>
  PERMISSION_LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1);

export const accountLabel = (account: { name: string; number: string }) =>
  `${account.name} · No. ${account.number}`;
