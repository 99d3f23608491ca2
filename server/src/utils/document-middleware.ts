import type { Modules } from '@strapi/strapi';

/** What a Document Service middleware reads of the call it wraps. */
export type DocumentContext = {
  uid: string;
  contentType: { pluginOptions?: Record<string, unknown> };
  action: string;
  params: Record<string, unknown>;
};

type Middleware = (document: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

/** Strapi types a middleware's answer as every action's answers at once; each of the plugin's passes on what `next` answers. */
export const documentMiddleware = (
  middleware: Middleware
): Modules.Documents.Middleware.Middleware => middleware as never;
