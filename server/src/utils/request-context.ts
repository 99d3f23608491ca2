import type { Core } from '@strapi/strapi';

/** The request contexts that stand for a Document Service write within their request. */
const writes = new WeakSet<object>();

/**
 * A scoped type, and the accounts whose documents of it an admin's request reads: those a
 * document written is in and goes to, or the one account whose single-type document is viewed.
 */
export type AdminHold = { uid: string; accounts: number[] };

/** The request contexts whose admin reads of a scoped type are held (`runHeldToAccounts`). */
const adminHolds = new WeakMap<object, AdminHold>();

/** Runs `work` with `store` as Strapi's request context, and answers what `work` answers. */
const runWithStore = async <T>(
  strapi: Core.Strapi,
  store: object,
  work: () => Promise<T>
): Promise<T> => {
  let answer: { value: T } | undefined;
  // Strapi types the context as a whole Koa context; the plugin's own hold only a state, or
  // read through to the request's
  await strapi.requestContext.run(store as never, async () => {
    answer = { value: await work() };
  });
  return answer!.value;
};

/** Runs `work` in a context that reads through to the request's, once `mark` has marked it. */
const runMarked = <T>(
  strapi: Core.Strapi,
  mark: (context: object) => void,
  work: () => Promise<T>
): Promise<T> => {
  const request = strapi.requestContext.get();
  if (!request) return work();
  const context: object = Object.create(request);
  mark(context);
  return runWithStore(strapi, context, work);
};

/**
 * Runs `work` in a request context of its own, holding only `state`: outside the request's
 * account scope (an empty state), or as the acting-account service says (`runAsAccount`).
 */
export const runInContext = <T>(
  strapi: Core.Strapi,
  state: Record<string, unknown>,
  work: () => Promise<T>
): Promise<T> => runWithStore(strapi, { state }, work);

/**
 * Runs `work` outside the request's account scope, to see rows as the database holds them: only
 * for the checks that must tell another account's rows from missing ones, and for reads that
 * account scoping itself waits on.
 */
export const unscoped = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  runInContext(strapi, {}, work);

/**
 * Runs a Document Service write in a request context of its own that reads through to the
 * request's (its state, its headers, its account), marked as a write (`inDocumentWrite`). Strapi's
 * request context carries the mark because Node copies the store of every AsyncLocalStorage in
 * use onto every promise the process creates: a storage of the plugin's own would cost each
 * promise of the app one copy more, on every route. Outside a request nothing is scoped, and
 * nothing is marked.
 */
export const runAsDocumentWrite = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  runMarked(strapi, (write) => writes.add(write), work);

/** True within a Document Service write of a request (`runAsDocumentWrite`). */
export const inDocumentWrite = (strapi: Core.Strapi) => {
  const request = strapi.requestContext.get();
  return request !== undefined && writes.has(request);
};

/**
 * Runs an admin's work on a scoped type in a request context of its own, marked with the type and
 * the accounts whose documents of it the work reads (`adminHoldOf`), as `runAsDocumentWrite`
 * marks a member's write.
 */
export const runHeldToAccounts = <T>(
  strapi: Core.Strapi,
  hold: AdminHold,
  work: () => Promise<T>
): Promise<T> => runMarked(strapi, (context) => adminHolds.set(context, hold), work);

/** The hold of an admin's reads of a scoped type that the running code is under, if any. */
export const adminHoldOf = (strapi: Core.Strapi): AdminHold | undefined => {
  const request = strapi.requestContext.get();
  return request && adminHolds.get(request);
};

/**
 * Users deleted together in one request (the Content Manager's bulk delete), by documentId, and
 * the removal of their memberships once it has begun.
 */
export type UsersDeletedTogether = { documentIds: string[]; removal?: Promise<number[]> };

const userDeletions = new WeakMap<object, UsersDeletedTogether>();

/** Runs `work`, a request that deletes the users `documentIds` in one transaction. */
export const runDeletingUsersTogether = <T>(
  strapi: Core.Strapi,
  documentIds: string[],
  work: () => Promise<T>
): Promise<T> => runMarked(strapi, (context) => userDeletions.set(context, { documentIds }), work);

/**
 * The users the running request deletes together, if it does. Each deletion runs in a Document
 * Service write, which runs in a context of its own within the request's: looked up through them.
 */
export const usersDeletedTogether = (strapi: Core.Strapi): UsersDeletedTogether | undefined => {
  for (
    let context = strapi.requestContext.get();
    context;
    context = Object.getPrototypeOf(context)
  ) {
    const deletion = userDeletions.get(context);
    if (deletion) return deletion;
  }
  return undefined;
};

/** The request contexts that change files through GraphQL (the upload plugin's mutations). */
const fileChanges = new WeakSet<object>();

/** Runs `work`, a change of files (a rename, a replacement, a deletion), marked as one. */
export const runAsFileChange = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  runMarked(strapi, (context) => fileChanges.add(context), work);

type RoutedRequest = {
  state?: { route?: { handler?: unknown; info?: { pluginName?: string; type?: string } } };
  query?: Record<string, unknown>;
};

/**
 * The upload plugin's content-API actions that change a file, known by the action Strapi routed
 * the request to: `upload` naming an existing file (`?id=`: a rename or a replacement), `destroy`.
 */
const routedToFileChange = ({ state, query }: RoutedRequest) => {
  const route = state?.route;
  if (route?.info?.pluginName !== 'upload' || route.info.type !== 'content-api') return false;
  if (route.handler === 'content-api.destroy') return true;
  return route.handler === 'content-api.upload' && query?.id !== undefined;
};

/** True while the running request renames, replaces or deletes files. */
export const changesFiles = (strapi: Core.Strapi) => {
  const request: RoutedRequest | undefined = strapi.requestContext.get();
  return request !== undefined && (fileChanges.has(request) || routedToFileChange(request));
};
