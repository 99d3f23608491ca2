import type { TestApp } from './strapi';

/** A GraphQL error as the GraphQL plugin answers it, with the plugin's REST status. */
export type GraphqlError = {
  message: string;
  path?: (string | number)[];
  extensions: {
    code: string;
    status?: number;
    error?: { status: number; name: string; message: string; details: unknown };
  };
};

export type GraphqlAnswer = {
  /** the HTTP status of the POST /graphql */
  http: number;
  // answers are JSON whose shape each test states by what it reads
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  errors?: GraphqlError[];
  text: string;
};

/**
 * POST /graphql as `bearer` (a session's JWT, an API token, or nobody), with `X-Account` when
 * given, as a front end using the GraphQL plugin sends it.
 */
export const graphql = async (
  app: TestApp,
  bearer: { jwt: string } | null,
  query: string,
  variables?: Record<string, unknown>,
  account?: string
): Promise<GraphqlAnswer> => {
  let req = app.http().post('/graphql');
  if (bearer) req = req.set('Authorization', `Bearer ${bearer.jwt}`);
  if (account) req = req.set('X-Account', account);
  const res = await req.send({ query, variables });
  return { http: res.status, data: res.body?.data, errors: res.body?.errors, text: res.text };
};

/** The one error of an answer, with its code and REST status, for a refused operation. */
export const refusal = (answer: GraphqlAnswer) => {
  if (!answer.errors?.length) throw new Error(`expected an error, got ${answer.text}`);
  const [error] = answer.errors;
  return {
    code: error.extensions.code,
    status: error.extensions.status,
    name: error.extensions.error?.name,
    message: error.message,
  };
};

/** The fields of the plugin's types that tests read. */
export const MY_ACCOUNT = 'documentId number name type permissions';
export const MEMBER = `documentId type status permissions email createdAt
  user { id documentId username email } account { documentId number name }`;
export const PAGE_INFO = 'pageInfo { page pageSize pageCount total }';
