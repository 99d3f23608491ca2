/**
 * The typed client of strapi-plugin-multi-account: the users-permissions login with the account
 * chooser, switching, contacts, invitations, co-owners and ownership transfers, over `fetch`
 * alone (browsers and Node 20+).
 *
 *   const client = createClient({ baseUrl: 'https://cms.example.com' });
 *   const { accounts } = await client.logIn({ identifier, password });
 *   await client.switchTo(accounts[1].documentId);
 *   const { data } = await client.contacts.list({ status: 'active' });
 */
import type {
  ImpersonatedBy,
  Invitation,
  Member,
  MembershipStatus,
  MembershipType,
  MyAccount,
  MyListedAccount,
  OwnershipTransfer,
  Paginated,
  Permission,
} from '../shared/contracts';

export type {
  AccountRef,
  AccountStatus,
  ActingAccount,
  ImpersonatedBy,
  Invitation,
  InvitationDelivery,
  Member,
  MembershipStatus,
  MembershipType,
  MyAccount,
  MyListedAccount,
  OwnershipTransfer,
  OwnershipTransferStatus,
  Paginated,
  Pagination,
  Permission,
} from '../shared/contracts';

/** Where a token is kept: in memory by default, or anywhere that can get and set a string. */
export type TokenStore = {
  get(): string | null;
  set(token: string | null): void;
};

export const memoryStore = (initial: string | null = null): TokenStore => {
  let token = initial;
  return { get: () => token, set: (next) => void (token = next) };
};

/** What `sessionStorage` and `localStorage` offer, and all a store needs of them. */
export type WebStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

/** A store in `sessionStorage` (one tab, one login) or `localStorage` (every tab), under `key`. */
export const webStorageStore = (storage: WebStorage, key: string): TokenStore => ({
  get: () => storage.getItem(key),
  set: (token) => (token === null ? storage.removeItem(key) : storage.setItem(key, token)),
});

/** Strapi's error answer (`{ error: { status, name, message, details } }`) as one error class. */
export class MultiAccountError extends Error {
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(status: number, name: string, message: string, details: Record<string, unknown>) {
    super(message);
    this.name = name;
    this.status = status;
    this.details = details;
  }
}

export type User = { id: number; documentId: string; username: string; email: string };

export type LoginAnswer = {
  jwt: string;
  user: User;
  accounts: MyAccount[];
  activeAccount: MyAccount | null;
  /** Only when users-permissions answers it in the body (refresh mode without the cookie). */
  refreshToken?: string;
};

export type Me = {
  user: User;
  account: MyAccount | null;
  permissions: Permission[];
  /** Only with an admin's impersonation token: the admin behind the request. */
  impersonatedBy?: ImpersonatedBy;
};

export type PageQuery = { page?: number; pageSize?: number };

export type ClientOptions = {
  /** The Strapi app's origin, e.g. `https://cms.example.com`. */
  baseUrl: string;
  /** The access token (the JWT). Defaults to memory. */
  token?: TokenStore;
  /** The refresh token, when users-permissions answers it in the body. Defaults to memory. */
  refreshToken?: TokenStore;
  /** `include` sends the httpOnly refresh cookie to another origin; the default is `same-origin`. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Another `fetch`, e.g. one that keeps cookies in Node. */
  fetch?: typeof fetch;
};

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined>;

const API = '/api/multi-account';

/**
 * A path of the plugin's routes, each value put in as one encoded path segment: an id taken from
 * the page's own address cannot steer a call to another route (`../me/accounts/…`).
 */
const api = (parts: TemplateStringsArray, ...ids: string[]) =>
  API + parts.reduce((path, part, i) => path + encodeURIComponent(ids[i - 1]) + part);

const queryString = (query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const createClient = (options: ClientOptions) => {
  const token = options.token ?? memoryStore();
  const refreshToken = options.refreshToken ?? memoryStore();
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  /** One call; `account` acts for that account in this call only (`X-Account`). */
  const call = async <T>(
    method: Method,
    path: string,
    {
      body,
      query,
      account,
      auth = true,
    }: {
      body?: unknown;
      query?: Query;
      account?: string;
      auth?: boolean;
    } = {}
  ): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const jwt = auth ? token.get() : null;
    if (jwt) headers.Authorization = `Bearer ${jwt}`;
    if (account) headers['X-Account'] = account;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await doFetch(`${baseUrl}${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: options.credentials ?? 'same-origin',
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const error = (parsed as { error?: Record<string, unknown> } | null)?.error ?? {};
      throw new MultiAccountError(
        typeof error.status === 'number' ? error.status : response.status,
        typeof error.name === 'string' ? error.name : 'HttpError',
        typeof error.message === 'string' ? error.message : response.statusText || text,
        (error.details as Record<string, unknown> | undefined) ?? {}
      );
    }
    return parsed as T;
  };

  /** The refresh under way, which every caller meanwhile waits for. */
  let refreshing: Promise<string> | null = null;

  const keep = (answer: { jwt: string; refreshToken?: string }) => {
    token.set(answer.jwt);
    if (answer.refreshToken) refreshToken.set(answer.refreshToken);
  };

  /** What acts for one account per call: the same calls, each with `X-Account`. */
  const forAccount = (account?: string) => ({
    /** The active account's owner, contacts, guests and open invitations. */
    contacts: {
      list: (filters: { status?: MembershipStatus; type?: MembershipType } & PageQuery = {}) =>
        call<Paginated<Member>>('GET', `${API}/contacts`, { query: filters, account }),
      get: (documentId: string) =>
        call<{ data: Member }>('GET', api`/contacts/${documentId}`, {
          account,
        }).then((r) => r.data),
      create: (input: {
        email: string;
        username: string;
        password: string;
        permissions: Permission[];
      }) =>
        call<{ data: Member }>('POST', `${API}/contacts`, { body: input, account }).then(
          (r) => r.data
        ),
      update: (
        documentId: string,
        change: { permissions?: Permission[]; status?: 'active' | 'inactive' }
      ) =>
        call<{ data: Member }>('PATCH', api`/contacts/${documentId}`, {
          body: change,
          account,
        }).then((r) => r.data),
      remove: (documentId: string) =>
        call<null>('DELETE', api`/contacts/${documentId}`, { account }).then(() => undefined),
      resend: (documentId: string) =>
        call<{ data: Member }>('POST', api`/contacts/${documentId}/resend`, {
          account,
        }).then((r) => r.data),
      /**
       * Owners only: makes an active member a co-owner (`owner`), or another owner a contact
       * holding every key (`contact`); never one's own row, never the last owner.
       */
      setType: (documentId: string, type: Exclude<MembershipType, 'guest'>) =>
        call<{ data: Member }>('PATCH', api`/contacts/${documentId}`, {
          body: { type },
          account,
        }).then((r) => r.data),
    },
    /** The active account's offers of its ownership (owners only). */
    ownershipTransfers: {
      /** Every offer of the account, newest first, with its status. */
      list: (page: PageQuery = {}) =>
        call<Paginated<OwnershipTransfer>>('GET', `${API}/ownership-transfers`, {
          query: page,
          account,
        }),
      /** Offers the ownership to an active member, by the member's documentId; one open at once. */
      offer: (memberDocumentId: string) =>
        call<{ data: OwnershipTransfer }>('POST', `${API}/ownership-transfers`, {
          body: { member: memberDocumentId },
          account,
        }).then((r) => r.data),
      /** Withdraws an open offer (the owner who made it). */
      withdraw: (documentId: string) =>
        call<null>('DELETE', api`/ownership-transfers/${documentId}`, {
          account,
        }).then(() => undefined),
    },
    /** Invites someone to the active account as a guest. */
    invite: (input: { email: string; permissions: Permission[] }) =>
      call<{ data: Member }>('POST', `${API}/invitations`, { body: input, account }).then(
        (r) => r.data
      ),
    me: () => call<{ data: Me }>('GET', `${API}/me`, { account }).then((r) => r.data),
  });

  const acting = forAccount();

  return {
    ...acting,

    /** The same client acting for `accountDocumentId` in every call, whatever the session's. */
    forAccount: (accountDocumentId: string) => forAccount(accountDocumentId),

    async logIn(credentials: { identifier: string; password: string }): Promise<LoginAnswer> {
      const answer = await call<LoginAnswer>('POST', '/api/auth/local', {
        body: credentials,
        auth: false,
      });
      keep(answer);
      return answer;
    },

    async signUp(input: {
      username: string;
      email: string;
      password: string;
    }): Promise<LoginAnswer> {
      const answer = await call<LoginAnswer>('POST', '/api/auth/local/register', {
        body: input,
        auth: false,
      });
      keep(answer);
      return answer;
    },

    /** Ends the session (refresh mode) and forgets the tokens; legacy mode has nothing to end. */
    async logOut(): Promise<void> {
      const logOut = () => {
        const stored = refreshToken.get();
        return call('POST', '/api/auth/logout', { body: stored ? { refreshToken: stored } : {} });
      };
      try {
        await logOut();
      } catch (error) {
        if (!(error instanceof MultiAccountError)) throw error;
        if (error.status === 404) return; // legacy mode: nothing to end
        if (error.status !== 401) throw error;
        // an expired access token: users-permissions ends a session only for a valid one, which
        // the refresh token still gets; a refresh refused means the session is over already
        if (
          await this.refresh().then(
            () => true,
            () => false
          )
        )
          await logOut();
      } finally {
        token.set(null);
        refreshToken.set(null);
      }
    },

    /**
     * A new access token for the same session (refresh mode), from the stored token or the
     * cookie. Calls made while one is under way wait for it: users-permissions takes a refresh
     * token once, and a second refresh with it would be refused as if the session had ended.
     */
    refresh(): Promise<string> {
      refreshing ??= (async () => {
        const stored = refreshToken.get();
        const answer = await call<{ jwt: string; refreshToken?: string }>(
          'POST',
          '/api/auth/refresh',
          { body: stored ? { refreshToken: stored } : {}, auth: false }
        );
        keep(answer);
        return answer.jwt;
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },

    /** Moves this session to another account and keeps the token that acts for it. */
    async switchTo(accountDocumentId: string): Promise<MyAccount> {
      const answer = await call<{ jwt: string; account: MyAccount }>('POST', `${API}/switch`, {
        body: { account: accountDocumentId },
      });
      token.set(answer.jwt);
      return answer.account;
    },

    myAccounts: (page: PageQuery = {}) =>
      call<Paginated<MyListedAccount>>('GET', `${API}/me/accounts`, { query: page }),

    leave: (accountDocumentId: string) =>
      call<null>('DELETE', api`/me/accounts/${accountDocumentId}`).then(() => undefined),

    invitations: {
      /** Open invitations addressed to my email. */
      mine: (page: PageQuery = {}) =>
        call<Paginated<Invitation>>('GET', `${API}/me/invitations`, { query: page }),
      accept: (documentId: string) =>
        call<{ data: MyAccount }>('POST', api`/me/invitations/${documentId}/accept`, {
          body: {},
        }).then((r) => r.data),
      reject: (documentId: string) =>
        call<{ data: { documentId: string; status: 'rejected' } }>(
          'POST',
          api`/me/invitations/${documentId}/reject`,
          { body: {} }
        ).then((r) => r.data),
      /** Accepts through the emailed link's token, logged in as the invitee. */
      acceptByToken: (invitationToken: string) =>
        call<{ data: MyAccount }>('POST', `${API}/invitations/accept`, {
          body: { token: invitationToken },
        }).then((r) => r.data),
      /** Rejects through the emailed link's token, logged in as the invitee. */
      rejectByToken: (invitationToken: string) =>
        call<{ data: { documentId: string; status: 'rejected' } }>(
          'POST',
          `${API}/invitations/reject`,
          { body: { token: invitationToken } }
        ).then((r) => r.data),
    },

    /** Offers of ownership: the active account's (owners), and those addressed to me. */
    ownershipTransfers: {
      ...acting.ownershipTransfers,
      /** Open offers addressed to me, in any of my accounts. */
      mine: (page: PageQuery = {}) =>
        call<Paginated<OwnershipTransfer>>('GET', `${API}/me/ownership-transfers`, {
          query: page,
        }),
      /** I own the account; the owner who offered it becomes a contact holding every key. */
      accept: (documentId: string) =>
        call<{ data: MyAccount }>('POST', api`/me/ownership-transfers/${documentId}/accept`, {
          body: {},
        }).then((r) => r.data),
      reject: (documentId: string) =>
        call<{ data: { documentId: string; status: 'rejected' } }>(
          'POST',
          api`/me/ownership-transfers/${documentId}/reject`,
          { body: {} }
        ).then((r) => r.data),
    },

    /** The access token in use, for the app's own calls to Strapi. */
    token: () => token.get(),
  };
};

export type MultiAccountClient = ReturnType<typeof createClient>;
