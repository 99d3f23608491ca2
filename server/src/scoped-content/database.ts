import type { Core } from '@strapi/strapi';
import { actingScope } from './acting-scope';
import { createModelGraph } from './model-graph';
import { createReadScope } from './reads';
import { createWriteScope } from './writes';

type QueryEvent = { model: { uid: string }; params: Record<string, unknown> };

/**
 * Account scoping at the database layer: every query Strapi runs during a request, whatever
 * route, plugin or type it started at (populate, GraphQL relation fields, the upload plugin,
 * users-permissions' users, the older entity service), reads and links only the acting account's scoped
 * documents. Subscribed for the models that can reach a scoped type, and no others.
 */
export const scopeDatabaseQueries = (strapi: Core.Strapi) => {
  const graph = createModelGraph(strapi);
  if (!graph.watched.length) return;

  /** The accounts the running request may reach, or null when it is not scoped. */
  const accountIds = () => {
    const scope = actingScope(strapi);
    if (scope.kind === 'all') return null;
    return scope.kind === 'account' ? [scope.accountId] : [];
  };
  const read = (event: QueryEvent) => {
    const ids = accountIds();
    if (ids) createReadScope(graph, ids).query(event.model.uid, event.params);
  };
  const create = async (event: QueryEvent) => {
    const ids = accountIds();
    if (ids) await createWriteScope(strapi, graph, ids).data(event.model.uid, event.params.data);
  };
  const update = async (event: QueryEvent) => {
    const ids = accountIds();
    if (!ids) return;
    createReadScope(graph, ids).rows(event.model.uid, event.params);
    const { data, where } = event.params;
    await createWriteScope(strapi, graph, ids).data(event.model.uid, data, where);
  };
  const rows = (event: QueryEvent) => {
    const ids = accountIds();
    if (ids) createReadScope(graph, ids).rows(event.model.uid, event.params);
  };

  strapi.db.lifecycles.subscribe({
    models: graph.watched,
    beforeFindOne: read,
    beforeFindMany: read,
    beforeCount: read,
    beforeCreate: create,
    beforeUpdate: update,
    beforeUpdateMany: rows,
    beforeDelete: rows,
    beforeDeleteMany: rows,
  } as never);
};
