import type { Modules } from '@strapi/strapi';

/** What a Document Service middleware reads of the call it wraps. */
export type DocumentContext = {
  uid: string;
  contentType: { pluginOptions?: Record<string, unknown> };
  action: string;
  params: Record<string, unknown>;
};

type Middleware = (document: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

/**
 * A Document Service middleware that runs `middleware` on the calls `applies` to and hands every
 * other call straight on. Every call on every type of the app passes through each middleware, so
 * the others cost one test: no async function, no promise of its own (each one is also tracked by
 * Strapi's request context).
 */
export const documentMiddleware = (
  applies: (document: DocumentContext) => boolean,
  middleware: Middleware
): Modules.Documents.Middleware.Middleware =>
  // Strapi types a middleware's answer as every action's answers at once; each of the plugin's
  // passes on what `next` answers
  ((document: DocumentContext, next: () => Promise<unknown>) =>
    applies(document) ? middleware(document, next) : next()) as never;
