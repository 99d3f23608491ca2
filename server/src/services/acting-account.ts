import type { Core } from '@strapi/strapi';
import { documentId as documentIdSchema } from '../validation';
import { claimedAccount } from '../utils/bearer';
import { getService } from '../utils';
import { Errors } from '../utils/errors';
import { runInContext, unscoped } from '../utils/request-context';
import type { LiveImpersonation } from './impersonations';
import type { ActiveAccount } from './memberships';

/**
 * Which account a request acts for, and why when none: `active` with the membership it acts by;
 * `none` when it named no account; `refused` when it named one (`X-Account` or its session's)
 * whose membership is not active; `ended` when its login session has ended; `anonymous` with no
 * users-permissions user.
 */
export type Acting =
  | { status: 'active'; active: ActiveAccount; session?: number }
  | { status: 'none' | 'refused'; session?: number }
  | { status: 'ended' | 'anonymous' };

/** The request's state, where Strapi keeps what authentication found. */
type RequestState = {
  user?: { id: number };
  auth?: { strategy?: { name?: string } };
  session?: { id?: string };
  route?: { info?: { type?: string } };
  /** Set by `runAsAccount`: the account row id that code acts for on purpose. */
  multiAccountRunAs?: number;
  /** The active account, for host controllers behind the plugin's policy (documented). */
  multiAccount?: ActiveAccount;
};

/** A Koa context, or a policy's copy of one (which keeps `state` and `request`, not `get`). */
export type RequestLike = { state: RequestState; request: { get(header: string): string } };

const ANONYMOUS: Acting = { status: 'anonymous' };

/** A request's reading of its account, and whether it began inside a database transaction. */
type Reading = { acting: Promise<Acting>; inTransaction: boolean; settled: boolean };
/** Each request's reading, by its state (which its policy context shares). */
const readings = new WeakMap<object, Reading>();
/** The impersonation a request's token stands for, set when the token is authenticated. */
const impersonations = new WeakMap<object, LiveImpersonation>();

/**
 * The one module that answers "which account does this request act for". It reads the session
 * (refresh mode) or the JWT claim (legacy mode) and `X-Account`, the first time something asks,
 * after authentication, and remembers the answer for the request. The policy, the plugin's
 * controllers and account scoping (REST and GraphQL alike) all ask here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** What `request` acts for; read once per request, once authentication is done. */
  of(request: RequestLike): Promise<Acting> {
    const { state } = request;
    // before authentication (or on a route without it) there is no user yet
    if (!state.auth || !state.user) return Promise.resolve(ANONYMOUS);
    const inTransaction = strapi.db.inTransaction();
    const reading = readings.get(state);
    // A reading begun outside a transaction needs a connection of its own, which a caller inside
    // one may be holding (SQLite has one): GraphQL reads a query's fields at once, and a shared
    // type's transaction waiting for a scoped type's reading would wait for itself. Such a
    // caller reads again, in its transaction.
    if (reading && (reading.settled || reading.inTransaction || !inTransaction)) {
      return reading.acting;
    }
    const started: Reading = { acting: this.resolve(request), inTransaction, settled: false };
    const settle = () => {
      started.settled = true;
    };
    started.acting.then(settle, settle);
    readings.set(state, started);
    return started.acting;
  },

  /**
   * Drops what `request` was found to act for, so that what asks next reads it again: after a
   * change to the caller's own standing (a leave, a switch) within a request that goes on, as a
   * GraphQL operation does from one mutation to the next.
   */
  forget(request: RequestLike) {
    readings.delete(request.state);
    delete request.state.multiAccount;
  },

  /** The active account, or null. */
  async active(request: RequestLike): Promise<ActiveAccount | null> {
    const acting = await this.of(request);
    return acting.status === 'active' ? acting.active : null;
  },

  /**
   * The 403 that says why a request acts for no account. (An ended session is a 401 on the
   * plugin's own routes, through their signed-in policy; elsewhere it acts for no account.)
   */
  refusal(acting: Acting): Error {
    return acting.status === 'refused' ? Errors.notActiveMember() : Errors.noActiveAccount();
  },

  /** The active account, or the refusal that says why there is none. */
  async require(request: RequestLike): Promise<ActiveAccount> {
    const acting = await this.of(request);
    if (acting.status === 'active') return acting.active;
    throw this.refusal(acting);
  },

  /** The row id of the request's live login session (refresh mode), as read for this request. */
  async sessionRow(request: RequestLike): Promise<number | undefined> {
    const acting = await this.of(request);
    return 'session' in acting ? acting.session : undefined;
  },

  /** True when the request's login session has ended (refresh mode: logout, password change). */
  async sessionEnded(request: RequestLike) {
    return (await this.of(request)).status === 'ended';
  },

  /** Marks a request as made with an admin's impersonation token (its authentication does). */
  impersonate(state: object, impersonation: LiveImpersonation) {
    impersonations.set(state, impersonation);
  },

  /** The impersonation behind `request`, or behind the running request context; else null. */
  impersonation(request?: RequestLike): LiveImpersonation | null {
    const state: object | undefined = request?.state ?? strapi.requestContext.get()?.state;
    return (state && impersonations.get(state)) ?? null;
  },

  /** The account row id that `runAsAccount` code acts for, in the running request context. */
  runAs(): number | undefined {
    const state: RequestState | undefined = strapi.requestContext.get()?.state;
    return state?.multiAccountRunAs;
  },

  /** Runs `work` acting for the account `accountId` (a row id), whatever request it came from. */
  async runAsAccount<T>(accountId: number, work: () => Promise<T>): Promise<T> {
    return runInContext(strapi, { multiAccountRunAs: accountId }, work);
  },

  /**
   * Reads the memberships with raw statements, which account scoping does not look at (the
   * common case is one statement, run in the request's own context).
   */
  async resolve(request: RequestLike): Promise<Acting> {
    const { state } = request;
    const user = state.user!;
    const sessions = getService('session-store');
    const memberships = getService('memberships');
    const header = request.request.get('x-account') || null;
    // a malformed id names no account of anybody's: refused as a foreign one is, with no query
    const malformed = header !== null && !documentIdSchema.safeParse(header).success;
    const settle = (
      active: ActiveAccount | null,
      requested: string | null,
      session?: number
    ): Acting => {
      if (!active) return { status: requested ? 'refused' : 'none', session };
      state.multiAccount = active;
      return { status: 'active', active, session };
    };
    const impersonation = impersonations.get(state);
    if (impersonation) {
      // one account only, whatever X-Account names
      const account = impersonation.accountDocumentId;
      if (header !== null && header !== account) return settle(null, header);
      return settle(await memberships.findActive(user.id, account), account);
    }
    if (getService('login').refreshMode()) {
      const fast = malformed
        ? undefined
        : await sessions.liveWithActive(state.session?.id, user.id, header);
      if (fast) {
        const active = memberships.withPermissions(fast.active);
        return settle(active, header ?? fast.session.account, fast.session.id);
      }
      // users-permissions accepts an ended session's access token until it expires: not here,
      // whatever X-Account says
      // what goes through Strapi's query engine runs outside the request's scope: account
      // scoping asks here, and must not wait for the answer being computed
      const session = await unscoped(strapi, () => sessions.live(state.session?.id, user.id));
      if (!session) return { status: 'ended' };
      if (malformed) return settle(null, header, session.id);
      // a session that never had an account (password change, email confirmation) gets one
      const sessionAccount =
        session.account ??
        (await unscoped(strapi, () => getService('login').chooseForSession(user.id, session.id)));
      const requested = header ?? sessionAccount;
      return settle(await memberships.findActive(user.id, requested), requested, session.id);
    }
    if (malformed) return settle(null, header);
    const requested = header ?? claimedAccount(request.request);
    // a legacy token without a claim (a password reset's) acts for the account chosen at login
    return settle(await memberships.findActive(user.id, requested), requested);
  },
});
