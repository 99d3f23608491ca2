import type { Core } from '@strapi/strapi';
import { LATER_RATE_LIMITS, type PluginConfig, type RateLimits } from '../config';

export const PLUGIN_ID = 'multi-account';

export const UIDS = {
  account: 'plugin::multi-account.account',
  membership: 'plugin::multi-account.membership',
  invitation: 'plugin::multi-account.invitation',
  auditLog: 'plugin::multi-account.audit-log',
  ownershipTransfer: 'plugin::multi-account.ownership-transfer',
  impersonation: 'plugin::multi-account.impersonation',
  user: 'plugin::users-permissions.user',
  role: 'plugin::users-permissions.role',
  /** Strapi's login sessions, which users-permissions' refresh mode keeps. */
  session: 'admin::session',
} as const;

/** The metadata key of a login session row that holds the session's account (a documentId). */
export const SESSION_ACCOUNT_KEY = 'multiAccount';

/** The plugin's own content types: reachable only through its routes. */
export const PLUGIN_CONTENT_TYPES: readonly string[] = [
  UIDS.account,
  UIDS.membership,
  UIDS.invitation,
  UIDS.auditLog,
  UIDS.ownershipTransfer,
  UIDS.impersonation,
];

/** The plugin's services by name, filled in by services/index.ts (declaration merging). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PluginServices {}

export const getService = <K extends keyof PluginServices>(name: K, strapiInstance?: Core.Strapi) =>
  (strapiInstance ?? strapi).plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const pluginConfig = <T = unknown>(key: string): T =>
  strapi.config.get(`plugin::${PLUGIN_ID}.${key}`) as T;

/** The rate limits in force, the later ones defaulted when a host's block predates them. */
export const rateLimits = (): RateLimits =>
  ({
    ...LATER_RATE_LIMITS,
    ...pluginConfig<PluginConfig['rateLimits']>('rateLimits'),
  }) as RateLimits;

/** JSON columns come back parsed from PostgreSQL and MySQL, as text from SQLite in raw queries. */
export const parseJson = <T>(value: unknown, fallback: T): T => {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
};

export const toIso = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  return new Date(0).toISOString();
};

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A plain object (not null, not a list), as a query's parameters and a body's values are. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The permission keys of `needed` that `held` lacks. */
export const keysMissing = (needed: string[], held: string[]) =>
  needed.filter((key) => !held.includes(key));

/** A value as a list: none for nothing, a list as it is, anything else as a list of one. */
export const listOf = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : [value].flat();
