import type { Modules } from '@strapi/strapi';

/** What a Document Service middleware reads of the call it wraps. */
export type DocumentContext = {
  uid: string;
  contentType: { pluginOptions?: Record<string, unknown> };
  action: string;
  params: Record<string, unknown>;
};

type Next = () => Promise<unknown>;

/** The Document Service's actions that read. */
export const READ_ACTIONS = ['findMany', 'findFirst', 'findOne', 'count'];
/** Its actions that name one existing document. */
export const ONE_DOCUMENT_ACTIONS = [
  'update',
  'delete',
  'publish',
  'unpublish',
  'discardDraft',
  'clone',
];
/** Its actions that take the `data` of a document. */
export const LINKING_ACTIONS = ['create', 'update', 'clone'];
/** Its actions that write. */
export const WRITE_ACTIONS = ['create', ...ONE_DOCUMENT_ACTIONS];

/**
 * A Document Service middleware that runs `middleware` on the calls in which `match` finds what
 * it acts on (handing that on) and passes every other call straight on. Every call on every type
 * of the app passes through each middleware, so the others cost one test: no async function, no
 * promise of its own (each one is also tracked by Strapi's request context).
 */
export const documentMiddleware = <Found>(
  match: (document: DocumentContext) => Found | false | null | undefined,
  middleware: (document: DocumentContext, next: Next, found: Found) => Promise<unknown>
): Modules.Documents.Middleware.Middleware =>
  // Strapi types a middleware's answer as every action's answers at once; each of the plugin's
  // passes on what `next` answers
  ((document: DocumentContext, next: Next) => {
    const found = match(document);
    return found ? middleware(document, next, found) : next();
  }) as never;
