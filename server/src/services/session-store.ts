import type { Core } from '@strapi/strapi';
import * as store from '../store';
import { parseJson, SESSION_ACCOUNT_KEY, UIDS } from '../utils';

export const SESSION_UID = UIDS.session;
const ACCOUNT_KEY = SESSION_ACCOUNT_KEY;

export type LiveSession = { id: number; account: string | null };

const hasExpired = (absoluteExpiresAt: store.SessionRow['absoluteExpiresAt']) =>
  absoluteExpiresAt !== null && new Date(absoluteExpiresAt).getTime() <= Date.now();

/**
 * users-permissions' refresh-mode sessions, as rows of Strapi's session store: each login is a
 * session, and each refresh-token rotation continues it in a new row that copies the metadata.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(SESSION_UID);

  return {
    /**
     * The live row of the login session an access token names, following rotations; null once
     * the session has ended (logout, revocation, password change, expiry) or is another user's.
     */
    async live(sessionId: unknown, userId: number): Promise<LiveSession | null> {
      if (typeof sessionId !== 'string' || !sessionId) return null;
      const row = await store.sessions.lastOfChain(sessionId);
      if (!row || row.status !== 'active' || row.userId !== String(userId)) return null;
      if (hasExpired(row.absoluteExpiresAt)) return null;
      const account = parseJson<Record<string, unknown>>(row.metadata, {})[ACCOUNT_KEY];
      return { id: row.id, account: typeof account === 'string' ? account : null };
    },

    /**
     * Most requests: the live session the access token names and, in the same query, the
     * user's usable membership on `requested` (`X-Account`) or else the session's account.
     * Undefined when the longer path must decide: a rotated row (an older access token after a
     * refresh), a session with no account yet, or one that has ended.
     */
    async liveWithActive(sessionId: unknown, userId: number, requested: string | null) {
      if (typeof sessionId !== 'string' || !sessionId) return undefined;
      const found = await store.memberships.sessionWithActive(sessionId, userId, requested);
      if (!found) return undefined;
      const { session, active } = found;
      const live =
        session.sessionStatus === 'active' &&
        session.sessionUserId === String(userId) &&
        !hasExpired(session.absoluteExpiresAt);
      if (!live || !(requested ?? session.sessionAccount)) return undefined;
      return { session: { id: session.sessionRowId, account: session.sessionAccount }, active };
    },

    /** Binds the session to an account; its other metadata (login time, device) stays. */
    async setAccount(rowId: number, accountDocumentId: string) {
      const row: Pick<store.SessionRow, 'id' | 'metadata'> | null = await rows().findOne({
        where: { id: rowId },
        select: ['id', 'metadata'],
      });
      if (!row) return;
      const metadata = parseJson<Record<string, unknown>>(row.metadata, {});
      await rows().update({
        where: { id: rowId },
        data: { metadata: { ...metadata, [ACCOUNT_KEY]: accountDocumentId } },
      });
    },
  };
};
