import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import createHttpError, { HttpError } from 'http-errors';
import type * as GraphQL from 'graphql';
import type { Context } from 'koa';
import { isRecord } from '../utils';

/** A resolver as the GraphQL plugin's middlewares wrap it. */
export type Resolve = (
  parent: unknown,
  args: Record<string, unknown>,
  context: { state: Record<string, unknown>; koaContext: Context },
  info: unknown
) => unknown;

export type ResolverMiddleware = (resolve: Resolve, ...params: Parameters<Resolve>) => unknown;

/** The REST status of a Strapi error, as Strapi's error middleware answers it. */
const STATUS_OF_CLASS: [new (...args: never[]) => Error, number][] = [
  [errors.UnauthorizedError, 401],
  [errors.ForbiddenError, 403],
  [errors.NotFoundError, 404],
  [errors.PayloadTooLargeError, 413],
  [errors.RateLimitError, 429],
  [errors.NotImplementedError, 501],
];

const statusOf = (error: unknown): number | undefined => {
  if (error instanceof HttpError) return error.status;
  if (!(error instanceof errors.ApplicationError)) return undefined;
  return STATUS_OF_CLASS.find(([type]) => error instanceof type)?.[1] ?? 400;
};

/**
 * The `extensions.code` of a status: Strapi's own for bad input and refusals, Apollo's
 * `UNAUTHENTICATED` for a login session that has ended (what a client's refresh link waits for),
 * and the status's name otherwise (`NOT_FOUND`, `CONFLICT`, `GONE`, `TOO_MANY_REQUESTS`, ...).
 */
const CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
};

export const codeOf = (status: number) =>
  CODES[status] ??
  createHttpError(status)
    .name.replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();

/**
 * The `graphql` module the GraphQL plugin runs on, whose GraphQLError its error formatter lets
 * through with our extensions (any other class it turns into its own codes). Found from the
 * plugin's package, as the app resolves it: the plugin does not depend on `graphql` itself.
 */
const graphqlOf = (strapi: Core.Strapi): typeof GraphQL => {
  const fromApp = createRequire(path.join(strapi.dirs.app.root, 'package.json'));
  const pluginPackage = fromApp.resolve('@strapi/plugin-graphql/package.json');
  return createRequire(pluginPackage)('graphql') as typeof GraphQL;
};

/**
 * A resolver middleware that answers the plugin's errors as the REST routes do: the status and
 * Strapi's `{ status, name, message, details }` in `extensions`, with a code for the status.
 * Anything else (a bug) goes on to the GraphQL plugin, which logs it and answers a bare 500.
 */
export const withRestErrors = (strapi: Core.Strapi): ResolverMiddleware => {
  const { GraphQLError } = graphqlOf(strapi);
  return async (resolve, parent, args, context, info) => {
    try {
      return await resolve(parent, args, context, info);
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined || !(error instanceof Error)) throw error;
      const details = (error as { details?: unknown }).details ?? {};
      const retryAfter = isRecord(details) ? details.retryAfter : undefined;
      if (status === 429 && typeof retryAfter === 'number' && retryAfter > 0) {
        context.koaContext.set('Retry-After', String(retryAfter));
      }
      throw new GraphQLError(error.message, {
        originalError: error,
        extensions: {
          code: codeOf(status),
          status,
          error: { status, name: error.name, message: error.message, details },
        },
      });
    }
  };
};
