import type { RequestLike } from '../services/acting-account';

/**
 * What a policy is handed: a REST route's policy context, which is the request's Koa context
 * (its `state` and `request`), or a GraphQL resolver's, which holds that Koa context as `http`.
 */
export type PolicyContext = RequestLike | { state: object; http: RequestLike };

/** The request a policy runs for, whether a REST route or a GraphQL resolver called it. */
export const requestOf = (policyContext: PolicyContext): RequestLike =>
  'http' in policyContext ? policyContext.http : policyContext;
