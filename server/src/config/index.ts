import { z } from 'zod';

export const DEFAULT_PERMISSIONS = [
  { key: 'billing', label: 'Billing' },
  { key: 'support', label: 'Support' },
  { key: 'provisioning', label: 'Provisioning' },
  { key: 'configuration', label: 'Configuration' },
  { key: 'security', label: 'Security' },
  { key: 'contacts', label: 'Contacts' },
];

export const PERMISSION_KEY = /^[a-z][a-z0-9_.-]{0,63}$/;

export type AccountNumberGenerator = () => string | Promise<string>;

/**
 * The config's schema, built when the config is validated at boot and dropped after (a zod
 * schema is an object of some forty methods of its own).
 */
const configSchemaOf = () => {
  const permission = z.union([
    z.string().regex(PERMISSION_KEY),
    z.strictObject({ key: z.string().regex(PERMISSION_KEY), label: z.string().min(1).max(100) }),
  ]);

  const positiveInt = z.number().int().positive();

  return z.strictObject({
    permissions: z.array(permission),
    createAccountOnRegister: z.boolean(),
    /** Whether members holding `contacts` may register new users as contacts (`POST /contacts`). */
    contactRegistration: z.boolean(),
    /**
     * Invitations are accepted or rejected only through the emailed link, never by documentId:
     * for apps without users-permissions' email confirmation, where an address is not proven.
     */
    acceptInvitationsByTokenOnly: z.boolean(),
    /** Account-scoped content types: API tokens (trusted server-side integrations) see every account. */
    scopedContent: z
      .strictObject({
        allowApiTokens: z.boolean().optional(),
        /** What happens to a closed account's scoped documents: kept for an admin to reassign, or deleted. */
        onAccountDeleted: z.enum(['keep', 'delete']).optional(),
      })
      .optional(),
    /**
     * Draws a new account's number (at most 16 characters), for hosts that number their clients
     * their own way. Drawn again when it clashes with an existing number. Default: 8 random digits.
     */
    accountNumber: z
      .custom<AccountNumberGenerator>(
        (value) => typeof value === 'function',
        'must be a function that returns the new account number'
      )
      .optional(),
    /** Seconds an invitation link stays valid. */
    invitationTtl: positiveInt,
    /** Seconds an offer of ownership stays open. */
    ownershipTransferTtl: positiveInt,
    /** Seconds an admin's impersonation token lasts (it is never refreshed). */
    impersonationTtl: positiveInt,
    /** The front-end page that takes an impersonation token, given in the fragment as `#token=`. */
    impersonationUrl: z.url().optional(),
    /** The front-end page that accepts an invitation; the token is appended as `?token=`. */
    invitationUrl: z.url(),
    emailFrom: z.string().min(3).optional(),
    rateLimits: z.strictObject({
      /** Seconds of one rate-limit window. */
      window: positiveInt,
      invitationsPerAccount: positiveInt,
      invitationsPerInviter: positiveInt,
      /** Invitations sent from one IP address, whatever the account. */
      invitationsPerIp: positiveInt.optional(),
      /** Invitations this app sends in all, a ceiling on its mail volume. */
      invitationsTotal: positiveInt.optional(),
      contactsPerAccount: positiveInt.optional(),
      contactsPerIp: positiveInt.optional(),
      acceptsPerIp: positiveInt,
      /** Where counters live: this process (default) or Redis, shared by every instance. */
      store: z
        .discriminatedUnion('type', [
          z.strictObject({ type: z.literal('memory') }),
          z.strictObject({
            type: z.literal('redis'),
            url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
            prefix: z.string().max(100).default('multi-account:'),
          }),
        ])
        .optional(),
    }),
  });
};

export type PluginConfig = z.infer<ReturnType<typeof configSchemaOf>>;

/** The permission catalogue: the plugin's keys, then the host app's from `permissions`. */
export const catalogueOf = (permissions: PluginConfig['permissions'] = []) => [
  ...DEFAULT_PERMISSIONS,
  ...permissions.map((p) => (typeof p === 'string' ? { key: p, label: p } : p)),
];

/** zod's issues as one line for a boot error: `path: message; path: message`. */
export const describeIssues = (issues: z.core.$ZodIssue[]) =>
  issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

/** Limits added after the first release: optional, so that older `rateLimits` blocks still load. */
export const LATER_RATE_LIMITS = {
  invitationsPerIp: 100,
  invitationsTotal: 1000,
  contactsPerAccount: 50,
  contactsPerIp: 20,
};

export type RateLimits = Required<PluginConfig['rateLimits']>;

export default {
  default: {
    permissions: [],
    createAccountOnRegister: true,
    contactRegistration: true,
    acceptInvitationsByTokenOnly: false,
    invitationTtl: 48 * 3600,
    ownershipTransferTtl: 7 * 24 * 3600,
    impersonationTtl: 15 * 60,
    invitationUrl: 'http://localhost:3000/invitations/accept',
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 50,
      invitationsPerInviter: 50,
      ...LATER_RATE_LIMITS,
      acceptsPerIp: 30,
    },
  } satisfies PluginConfig,

  validator(config: unknown) {
    const result = configSchemaOf().safeParse(config);
    if (!result.success) {
      throw new Error(
        `Invalid multi-account plugin config: ${describeIssues(result.error.issues)}`
      );
    }
    const keys = catalogueOf(result.data.permissions).map((p) => p.key);
    const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
    if (duplicate) {
      throw new Error(
        `Invalid multi-account plugin config: permission "${duplicate}" is declared twice`
      );
    }
  },
};
