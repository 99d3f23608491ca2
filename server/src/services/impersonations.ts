import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Impersonation, ImpersonatedBy } from '../../../shared/contracts';
import * as store from '../store';
import type { ImpersonationRow } from '../store';
import { getService, isRecord, PLUGIN_CONTENT_TYPES, pluginConfig, UIDS } from '../utils';
import { documentMiddleware, WRITE_ACTIONS } from '../utils/document-middleware';
import { Errors } from '../utils/errors';
import { hashToken } from '../utils/invitation-token';
import type { AdminActor as Admin } from './audit';

/** Impersonation tokens say what they are, so that other bearer tokens are passed by unread. */
export const IMPERSONATION_TOKEN_PREFIX = 'mai_';

export const isImpersonationToken = (token: string | undefined): token is string =>
  !!token && token.startsWith(IMPERSONATION_TOKEN_PREFIX);

/** An impersonation whose token is still good, with its account's documentId. */
export type LiveImpersonation = ImpersonationRow & { accountDocumentId: string };

const adminName = async (adminId: number) => {
  const admin: { firstname?: string; lastname?: string; email?: string } | null = await strapi.db
    .query('admin::user')
    .findOne({ where: { id: adminId }, select: ['firstname', 'lastname', 'email'] });
  return [admin?.firstname, admin?.lastname].filter(Boolean).join(' ') || admin?.email || '';
};

const PLUGIN_TYPES: ReadonlySet<string> = new Set(PLUGIN_CONTENT_TYPES);

/**
 * A Document Service middleware: what a request changes with an impersonation token, on any of
 * the host's types, is in the audit trail as the admin (the plugin's own changes are audited
 * by its services, as the admin too).
 */
export const impersonatedWrites = (strapi: Core.Strapi) =>
  documentMiddleware(
    ({ action, uid }) =>
      WRITE_ACTIONS.includes(action) &&
      !PLUGIN_TYPES.has(uid) &&
      getService('acting-account', strapi).impersonation(),
    async (document, next, impersonation) => {
      const result = await next();
      const written = isRecord(result) ? result.documentId : undefined;
      await getService('audit', strapi).record({
        action: 'impersonation.write',
        actor: { type: 'admin', adminId: impersonation.adminId },
        accountId: impersonation.accountId,
        details: {
          impersonation: impersonation.documentId,
          userId: impersonation.userId,
          uid: document.uid,
          documentAction: document.action,
          documentId: written ?? document.params.documentId ?? null,
        },
      });
      return result;
    }
  );

/** The front end's page that takes the token, in the fragment (never sent to a server). */
const openUrlOf = (token: string) => {
  const page = pluginConfig<string | undefined>('impersonationUrl');
  return page ? `${page}#token=${encodeURIComponent(token)}` : null;
};

/**
 * Support's view of a client: an admin holding `impersonate` gets a token acting as one user
 * for one account, until it expires (never refreshed) or the admin ends it. What the token may
 * not do (credentials, leaving, ownership, other accounts) is refused where it is used.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async start(input: { user: string; account: string }, admin: Admin): Promise<Impersonation> {
    const user: {
      id: number;
      documentId: string;
      username: string;
      email: string;
      blocked?: boolean;
    } | null = await strapi.db.query(UIDS.user).findOne({
      where: { documentId: input.user },
      select: ['id', 'documentId', 'username', 'email', 'blocked'],
    });
    if (!user) throw Errors.userNotFound();
    const account = await getService('accounts').findByDocumentId(input.account);
    const active = await store.memberships.findActive(user.id, account.documentId);
    if (!active || user.blocked) throw Errors.impersonateActiveMember();

    const token = IMPERSONATION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const ttl = pluginConfig<number>('impersonationTtl');
    const row = await strapi.db.transaction(async () => {
      const created = await store.impersonations.create({
        tokenHash: hashToken(token),
        adminId: admin.adminId,
        userId: user.id,
        accountId: account.id,
        expiresAt: new Date(Date.now() + ttl * 1000),
      });
      await getService('audit').record({
        action: 'impersonation.started',
        actor: admin,
        accountId: account.id,
        membershipId: active.membership.id,
        details: {
          impersonation: created.documentId,
          userId: user.id,
          expiresAt: created.expiresAt,
        },
      });
      return created;
    });
    return {
      documentId: row.documentId,
      jwt: token,
      expiresAt: row.expiresAt,
      openUrl: openUrlOf(token),
      user: { documentId: user.documentId, username: user.username, email: user.email },
      account: { documentId: account.documentId, number: account.number, name: account.name },
    };
  },

  /** Ends an impersonation before its time; the token is refused from the next request on. */
  async end(documentId: string, admin: Admin): Promise<void> {
    await strapi.db.transaction(async () => {
      const row = await store.impersonations.findOne({ documentId });
      if (!row) throw Errors.impersonationNotFound();
      const ended = await store.impersonations.updateWhere(
        { id: row.id, endedAt: null },
        { endedAt: new Date() }
      );
      if (!ended) return;
      await getService('audit').record({
        action: 'impersonation.ended',
        actor: admin,
        accountId: row.accountId,
        details: { impersonation: row.documentId, userId: row.userId },
      });
    });
  },

  /** The live impersonation a bearer token stands for, or null (unknown, ended or expired). */
  async live(token: string): Promise<LiveImpersonation | null> {
    const row = await store.impersonations.findOne({ tokenHash: hashToken(token) });
    if (!row || row.endedAt || Date.parse(row.expiresAt) <= Date.now()) return null;
    const account = await store.accounts.findOne({ id: row.accountId });
    return account && { ...row, accountDocumentId: account.documentId };
  },

  /** Who is behind an impersonation, as `/me` shows it. */
  async describe(row: ImpersonationRow): Promise<ImpersonatedBy> {
    return { id: row.adminId, name: await adminName(row.adminId), expiresAt: row.expiresAt };
  },
});
