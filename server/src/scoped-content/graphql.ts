import type { Core } from '@strapi/strapi';
import { ACCOUNT_ATTRIBUTE, isScoped } from './options';

type Resolver = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
type Row = Record<string, unknown> | null | undefined;

const inAccount = (accountId: number) => (row: Row) => row?.[ACCOUNT_ATTRIBUTE] === accountId;

/** The active account of the request a GraphQL field resolves in, if it is scoped. */
const scopeOf = (strapi: Core.Strapi) => {
  const request = strapi.requestContext.get();
  const scopedAs = (request?.state as { multiAccountScope?: number } | undefined)
    ?.multiAccountScope;
  if (scopedAs !== undefined) return scopedAs;
  if (request?.state?.route?.info?.type !== 'content-api') return null;
  if (request.state.auth?.strategy?.name !== 'users-permissions') return null;
  const active = request.state.multiAccount as { account: { id: number } } | undefined;
  // the root query already refused a request without an account; nothing to show through it
  return active?.account.id ?? -1;
};

/**
 * GraphQL resolves relation fields (`projects { tasks { … } }`, in components too) below the
 * Document Service, with
 * `strapi.db.query().load()`: a resolver middleware on each relation to a scoped type drops the
 * documents of other accounts from what it answers (lists, connections and single relations).
 */
const keepInAccount =
  (strapi: Core.Strapi) =>
  async (resolve: Resolver, parent: unknown, args: unknown, context: unknown, info: unknown) => {
    const result = (await resolve(parent, args, context, info)) as
      { nodes?: Row[]; value?: Row } | Row[] | null;
    const accountId = scopeOf(strapi);
    if (accountId === null || !result) return result;
    const keep = inAccount(accountId);
    if (Array.isArray(result)) return result.filter(keep);
    if (Array.isArray(result.nodes)) return { ...result, nodes: result.nodes.filter(keep) };
    if ('value' in result) return keep(result.value) ? result : { ...result, value: null };
    return keep(result as Row) ? result : null;
  };

type Model = {
  modelType?: string;
  attributes: Record<string, { type: string; target?: string; relation?: string }>;
};

export const scopeGraphqlRelations = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const { getTypeName, getComponentName } = graphql.service('utils').naming as {
    getTypeName: (model: unknown) => string;
    getComponentName: (model: unknown) => string;
  };
  const resolversConfig: Record<string, { middlewares: unknown[] }> = {};
  // content types and components alike: a component's relation is resolved the same way
  const models = [
    ...Object.values(strapi.contentTypes),
    ...Object.values(strapi.components),
  ] as unknown as Model[];
  for (const model of models) {
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (attribute.type !== 'relation' || !attribute.target) continue;
      if (!isScoped(strapi.contentType(attribute.target as never) as never)) continue;
      const typeName =
        model.modelType === 'component' ? getComponentName(model) : getTypeName(model);
      const toMany = attribute.relation?.endsWith('Many');
      for (const field of toMany ? [name, `${name}_connection`] : [name]) {
        resolversConfig[`${typeName}.${field}`] = { middlewares: [keepInAccount(strapi)] };
      }
    }
  }
  graphql.service('extension').use(() => ({ resolversConfig }));
};
