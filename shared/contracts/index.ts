/**
 * Request and answer shapes shared by the server and the admin panel.
 * The content-API shapes are the REST contract front ends rely on.
 */

export type Permission = string;

export const MEMBERSHIP_TYPES = ['owner', 'contact', 'guest'] as const;
export type MembershipType = (typeof MEMBERSHIP_TYPES)[number];

export const MEMBERSHIP_STATUSES = [
  'pending',
  'invited',
  'rejected',
  'active',
  'inactive',
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** A member whose invitation is still open: its email is to be sent, or was. */
export const OPEN_INVITATION_STATUSES: readonly MembershipStatus[] = ['pending', 'invited'];

/** The attribute each account-scoped type gets: the id of the account that owns a document. */
export const ACCOUNT_ATTRIBUTE = 'multiAccountId';

/** The plugin's admin RBAC actions, by the uid it registers them with. */
export const ADMIN_ACTION_UIDS = ['read', 'manage', 'settings', 'impersonate'] as const;
export type AdminActionUid = (typeof ADMIN_ACTION_UIDS)[number];
export const adminAction = (uid: AdminActionUid) => `plugin::multi-account.${uid}` as const;

export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export type AccountRef = { documentId: string; number: string; name: string };

export type MyAccount = AccountRef & {
  type: MembershipType;
  permissions: Permission[];
};

/**
 * An entry of `GET /me/accounts`: every account where the user's membership is active, with the
 * account's status (a suspended one is listed, and refused until an admin reactivates it).
 */
export type MyListedAccount = MyAccount & { status: AccountStatus };

export type MemberUser = { id: number; documentId: string; username: string; email: string };

export type Member = {
  documentId: string;
  type: MembershipType;
  status: MembershipStatus;
  permissions: Permission[];
  email: string;
  user: MemberUser | null;
  account: AccountRef;
  createdAt: string;
};

/**
 * What a host controller finds at `ctx.state.multiAccount` once the plugin's policy let the
 * request through: the account it acts for, the membership it acts by, and the keys it holds.
 */
export type ActingAccount = {
  account: { id: number; documentId: string; number: string; name: string; status: AccountStatus };
  membership: {
    id: number;
    documentId: string;
    type: MembershipType;
    status: MembershipStatus;
    permissions: Permission[];
  };
  permissions: Permission[];
};

/**
 * The answer to inviting and to resending: the member (whose documentId the inviter manages it
 * by), the invitation (whose documentId its invitee accepts or rejects it by) and whether the
 * email left. When it did not, the member stays `pending`: resend it.
 */
export type InvitationDelivery = {
  data: Member;
  meta: {
    invitation: { documentId: string; expiresAt: string };
    email: { sent: boolean };
  };
};

export type Invitation = {
  documentId: string;
  account: AccountRef;
  permissions: Permission[];
  invitedBy: { username: string } | null;
  expiresAt: string;
};

export const OWNERSHIP_TRANSFER_STATUSES = [
  'pending',
  'accepted',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type OwnershipTransferStatus = (typeof OWNERSHIP_TRANSFER_STATUSES)[number];

/** An owner's offer of an account's ownership to one of its active members. */
export type OwnershipTransfer = {
  documentId: string;
  account: AccountRef;
  from: { username: string };
  to: { username: string; email: string };
  status: OwnershipTransferStatus;
  expiresAt: string;
};

/** An admin acting as a user for one account, for support: its token is shown once. */
export type Impersonation = {
  documentId: string;
  /** A content-API bearer token, valid until `expiresAt` or until the admin ends it. */
  jwt: string;
  expiresAt: string;
  /** The front end's page that takes the token (config `impersonationUrl`), when there is one. */
  openUrl: string | null;
  user: { documentId: string; username: string; email: string };
  account: AccountRef;
};

/** Who is behind a request made with an impersonation token, as `/me` shows it. */
export type ImpersonatedBy = { id: number; name: string; expiresAt: string };

export type Pagination = { page: number; pageSize: number; pageCount: number; total: number };

export type Paginated<T> = { data: T[]; meta: { pagination: Pagination } };

export type PermissionDefinition = { key: Permission; label: string };

/** Admin panel shapes. */
export type AdminAccount = AccountRef & {
  /** The row id, which a scoped document's `multiAccountId` holds. */
  id: number;
  status: AccountStatus;
  owner: MemberUser | null;
  members: number;
  createdAt: string;
};

/** How many documents of one scoped content type an account holds. */
export type ScopedDocumentCount = {
  uid: string;
  displayName: string;
  kind: 'collectionType' | 'singleType';
  count: number;
};

/**
 * An account's page in the admin panel: how many active owners it has tells whether one can go;
 * `documents` counts its documents of each scoped content type, `files` its files.
 */
export type AdminAccountDetail = AdminAccount & {
  owners: number;
  documents: ScopedDocumentCount[];
  /** How many of Strapi's files are filed under the account; null where files are not filed. */
  files: number | null;
};

/** One of Strapi's files filed under an account, as the account's admin page lists it. */
export type FiledFile = {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
  createdAt: string;
};

export type AccessEntry = {
  documentId: string;
  type: MembershipType;
  status: MembershipStatus;
  permissions: Permission[];
  account: AccountRef;
  createdAt: string;
};

export type AuditEntry = {
  documentId: string;
  action: string;
  /** `name` is the user's username or the admin's full name, when they still exist. */
  actor: { type: 'user' | 'admin' | 'system'; id: number | null; name: string | null };
  account: AccountRef | null;
  details: Record<string, unknown>;
  createdAt: string;
};

export type EmailTemplate = { subject: string; html: string; text: string };

export type PluginSettings = {
  emailTemplate: EmailTemplate;
  invitationTtlHours: number;
  permissionLabels: Record<Permission, string>;
};

/** What the admin Settings page edits besides the email template. */
export type InvitationSettings = Pick<PluginSettings, 'invitationTtlHours' | 'permissionLabels'>;

/** A catalogue entry as the Settings page shows it: the label in use and the one from config. */
export type CatalogueEntry = PermissionDefinition & { defaultLabel: string };

export type AdminSettings = InvitationSettings & {
  catalogue: CatalogueEntry[];
  /** The lifetime the plugin config gives, used until an admin sets one. */
  defaultInvitationTtlHours: number;
};

export const EMAIL_PLACEHOLDERS = [
  'account_name',
  'account_number',
  'inviter_name',
  'invitee_email',
  'accept_url',
  'expires_at',
] as const;
export type EmailPlaceholder = (typeof EMAIL_PLACEHOLDERS)[number];

/** The admin email-template routes answer the template, the placeholders and a rendered sample. */
export type EmailTemplateAnswer = {
  template: EmailTemplate;
  placeholders: EmailPlaceholder[];
  preview: EmailTemplate;
};
