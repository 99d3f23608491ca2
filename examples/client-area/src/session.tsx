import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useNavigate } from 'react-router-dom';
import {
  createClient,
  MultiAccountError,
  webStorageStore,
  type LoginAnswer,
  type Me,
  type MyAccount,
  type TokenStore,
} from 'strapi-plugin-multi-account/client';

const strapiUrl = import.meta.env.VITE_STRAPI_URL;
/** Strapi's origin: this page's, whose server passes `/api` on, unless built for another. */
const baseUrl = strapiUrl ?? window.location.origin;

/**
 * One login for every tab of this browser: the access token sits in `localStorage`, and the
 * refresh token in Strapi's httpOnly cookie (or, when the app answers it in the body, in
 * `localStorage` too). Served from another origin, the cookie needs `credentials: 'include'`.
 */
const loginToken = webStorageStore(window.localStorage, 'client-area.jwt');
/** An admin's impersonation token, opened from the admin panel: this tab's only. */
const impersonationToken = webStorageStore(window.sessionStorage, 'client-area.impersonation');

/** The tab's impersonation token while it has one, else the browser's login. */
const tokenOfTab: TokenStore = {
  get: () => impersonationToken.get() ?? loginToken.get(),
  set: (token) => (impersonationToken.get() ? impersonationToken : loginToken).set(token),
};

export const client = createClient({
  baseUrl,
  token: tokenOfTab,
  refreshToken: webStorageStore(window.localStorage, 'client-area.refresh-token'),
  credentials: strapiUrl ? 'include' : 'same-origin',
});

/** The account this tab acts for: `sessionStorage` is per tab, so two tabs can act for two. */
const tabAccount = webStorageStore(window.sessionStorage, 'client-area.account');

/** The Strapi app's address of a content-API path, e.g. `/api/invoices`. */
export const apiUrl = (path: string) => baseUrl + path;

/** The headers of the host app's own routes: this login's token and this tab's account. */
export const authHeaders = (): Record<string, string> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const jwt = client.token();
  const account = tabAccount.get();
  if (jwt) headers.Authorization = `Bearer ${jwt}`;
  if (account) headers['X-Account'] = account;
  return headers;
};

/** What acts for this tab's account in every call (`X-Account`), whatever other tabs chose. */
export const actingClient = () => {
  const account = tabAccount.get();
  return account ? client.forAccount(account) : client;
};

const isUnauthorized = (error: unknown) =>
  error instanceof MultiAccountError && error.status === 401;

const isForbidden = (error: unknown) => error instanceof MultiAccountError && error.status === 403;

/**
 * Runs a call; when the access token has expired (refresh mode), gets a new one for the same
 * session once and runs the call again.
 */
export const withRefresh = async <T,>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (!isUnauthorized(error) || !client.token()) throw error;
    try {
      await client.refresh();
    } catch {
      throw error;
    }
    return run();
  }
};

/** The server's words for an error, with what a validation error says of each field. */
export const messageOf = (error: unknown): string => {
  if (!(error instanceof MultiAccountError)) return 'The server could not be reached. Try again.';
  const fields = (error.details.errors as { path?: string[]; message: string }[] | undefined) ?? [];
  const reasons = fields.map((f) => (f.path?.length ? `${f.path.join('.')}: ` : '') + f.message);
  return [error.message, ...reasons.filter((r) => r !== error.message)].join(' — ');
};

/** The account this tab acted for until the server refused it (removed, suspended), and why. */
export type LostAccount = { account: MyAccount; message: string };

type Session =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | ({ status: 'signed-in'; lost: LostAccount | null } & Me);

/** Who I am and where I act, as the server said it: to tell whether it changed. */
const sameMe = (a: Me, b: Me) =>
  JSON.stringify([a.user, a.account, a.permissions]) ===
  JSON.stringify([b.user, b.account, b.permissions]);

type SessionApi = {
  session: Session;
  /** Keeps a login or sign-up answer; the caller shows the chooser when there are several. */
  signedIn(answer: LoginAnswer): Promise<void>;
  /** Switches this tab (and the session's default for new tabs) to another account. */
  choose(accountDocumentId: string): Promise<void>;
  /** Reads who I am and where this tab acts again, e.g. after accepting an invitation. */
  reload(): Promise<void>;
  signOut(): Promise<void>;
  /** Acts in this tab with an admin's impersonation token, until it ends or expires. */
  impersonate(token: string): Promise<void>;
  /** A session that ended elsewhere (refresh refused): back to the sign-in page. */
  expired(): void;
  /**
   * After a 403: reads where this tab acts again. An account that no longer answers (the member
   * removed or suspended, the account suspended) is lost, and the overview offers the others;
   * any other change (an owner made a contact) is taken as the server says it.
   */
  refused(error: unknown): Promise<void>;
};

const SessionContext = createContext<SessionApi | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const navigate = useNavigate();
  // the session as of the latest render, for a check that a call started earlier
  const current = useRef(session);
  useEffect(() => {
    current.current = session;
  });

  const expired = useCallback(() => {
    tabAccount.set(null);
    client.logOut().catch(() => undefined);
    setSession({ status: 'signed-out' });
  }, []);

  const reload = useCallback(async () => {
    if (!client.token()) {
      setSession({ status: 'signed-out' });
      return;
    }
    try {
      let me: Me;
      try {
        me = await withRefresh(() => actingClient().me());
      } catch (error) {
        // this tab's account is no longer mine (left, removed): act for the session's instead
        if (isUnauthorized(error) || !tabAccount.get()) throw error;
        tabAccount.set(null);
        me = await withRefresh(() => client.me());
      }
      tabAccount.set(me.account?.documentId ?? null);
      setSession({ status: 'signed-in', ...me, lost: null });
    } catch (error) {
      if (isUnauthorized(error)) expired();
      else throw error;
    }
  }, [expired]);

  useEffect(() => {
    reload().catch(() => setSession({ status: 'signed-out' }));
  }, [reload]);

  const refused = useCallback(
    async (error: unknown) => {
      const before = current.current;
      if (!isForbidden(error) || before.status !== 'signed-in') return;
      const me = await withRefresh(() => actingClient().me()).catch(() => null);
      if (!me || current.current !== before) return;
      if (before.account && !me.account) {
        setSession({
          status: 'signed-in',
          ...me,
          lost: { account: before.account, message: messageOf(error) },
        });
        navigate('/');
      } else if (!sameMe(me, before)) setSession({ status: 'signed-in', ...me, lost: null });
    },
    [navigate]
  );

  const api = useMemo<SessionApi>(
    () => ({
      session,
      async signedIn(answer) {
        tabAccount.set(answer.activeAccount?.documentId ?? null);
        await reload();
      },
      async choose(accountDocumentId) {
        await withRefresh(() => client.switchTo(accountDocumentId));
        tabAccount.set(accountDocumentId);
        await reload();
      },
      reload,
      async signOut() {
        tabAccount.set(null);
        if (impersonationToken.get()) impersonationToken.set(null);
        else await client.logOut().catch(() => undefined);
        setSession({ status: 'signed-out' });
      },
      async impersonate(token) {
        tabAccount.set(null);
        impersonationToken.set(token);
        await reload();
      },
      expired,
      refused,
    }),
    [session, reload, expired, refused]
  );

  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionApi => {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
};

/** The signed-in session; only for pages under the signed-in layout. */
export const useMe = (): Me & { lost: LostAccount | null } => {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useMe while not signed in');
  return session;
};

/**
 * Loads data with a call of the typed client; `reload` runs it again. A session that can no
 * longer be refreshed signs the tab out.
 */
export const useLoad = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const { expired, refused } = useSession();
  // the call and the session's answers as of the latest render; it runs again when `deps` change
  const latest = useRef({ load, expired, refused });
  useEffect(() => {
    latest.current = { load, expired, refused };
  });
  const key = JSON.stringify(deps);
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const { load, expired, refused } = latest.current;
    withRefresh(load).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (!current) return;
        if (isUnauthorized(error)) expired();
        else void refused(error);
        setState({ data: null, error: messageOf(error), loading: false });
      }
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  return { ...state, reload: () => setGeneration((g) => g + 1) };
};

/** Runs a user's action: `busy` while it runs, the server's message when it fails. */
export const useAction = () => {
  const { expired, refused } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await withRefresh(action);
      } catch (error) {
        if (isUnauthorized(error)) expired();
        else void refused(error);
        setError(messageOf(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [expired, refused]
  );

  return { run, busy, error, clearError: () => setError(null) };
};
