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

const permissionSchema = z.union([
  z.string().regex(PERMISSION_KEY),
  z.strictObject({ key: z.string().regex(PERMISSION_KEY), label: z.string().min(1).max(100) }),
]);

const positiveInt = z.number().int().positive();

export const configSchema = z.strictObject({
  permissions: z.array(permissionSchema),
  createAccountOnRegister: z.boolean(),
  /** Seconds an invitation link stays valid. */
  invitationTtl: positiveInt,
  /** The front-end page that accepts an invitation; the token is appended as `?token=`. */
  invitationUrl: z.url(),
  emailFrom: z.string().min(3).optional(),
  rateLimits: z.strictObject({
    /** Seconds of one rate-limit window. */
    window: positiveInt,
    invitationsPerAccount: positiveInt,
    invitationsPerInviter: positiveInt,
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

export type PluginConfig = z.infer<typeof configSchema>;

export default {
  default: {
    permissions: [],
    createAccountOnRegister: true,
    invitationTtl: 48 * 3600,
    invitationUrl: 'http://localhost:3000/invitations/accept',
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 50,
      invitationsPerInviter: 50,
      acceptsPerIp: 30,
    },
  } satisfies PluginConfig,

  validator(config: unknown) {
    const result = configSchema.safeParse(config);
    if (!result.success) {
      const problems = result.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new Error(`Invalid multi-account plugin config: ${problems}`);
    }
    const keys = result.data.permissions.map((p) => (typeof p === 'string' ? p : p.key));
    const duplicate = keys.find(
      (key, i) => keys.indexOf(key) !== i || DEFAULT_PERMISSIONS.some((p) => p.key === key)
    );
    if (duplicate) {
      throw new Error(
        `Invalid multi-account plugin config: permission "${duplicate}" is declared twice`
      );
    }
  },
};
