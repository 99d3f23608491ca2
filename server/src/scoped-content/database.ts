import type { Core } from '@strapi/strapi';
import { actingScope } from './acting-scope';
import { createModelGraph } from './model-graph';
import { createScopedSql, type ScopedSql } from './ordering';
import { and, createReadScope, type PopulatedSort, type Reach } from './reads';
import { createWriteScope } from './writes';
import { adminHoldOf, changesFiles, inDocumentWrite } from '../utils/request-context';
import { isRecord, keysMissing } from '../utils';
import { ACCOUNT_ATTRIBUTE } from './options';

type Params = Record<string, unknown>;
type Row = Record<string, unknown>;
type QueryEvent = { model: { uid: string }; params: Params };
type FindEvent = QueryEvent & {
  state: { sql?: ScopedSql; order?: number[]; populated?: PopulatedSort[] };
  result?: Row | Row[] | null;
};

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null;

/**
 * A lookup of rows named by their id or documentId: the document a write works on, the documents
 * it links (Strapi checks they exist, and maps their documentIds to ids). Strapi's unique checks
 * name rows by a value, other than an id (`id: { $ne }` leaves the document itself out).
 */
const namesRows = (where: unknown) => {
  if (!isRecord(where)) return false;
  const { id, documentId } = where;
  if (documentId !== undefined) return true;
  return id !== undefined && (!isRecord(id) || '$in' in id || '$eq' in id);
};

/** The lists found at `path` below `rows`, through lists and single relations alike. */
const listsAt = (rows: unknown[], path: string[]): Row[][] => {
  const [name, ...rest] = path;
  const below = rows.filter(isRow).map((row) => row[name]);
  if (!rest.length) return below.filter((value): value is Row[] => Array.isArray(value));
  return listsAt(below.flat(), rest);
};

/**
 * Account scoping at the database layer: every query Strapi runs during a request, whatever
 * route, plugin or type it started at (populate, GraphQL relation fields, the upload plugin,
 * users-permissions' users, the older entity service), reads and links only the acting account's scoped
 * documents, and no file that a document out of its reach uses. Subscribed for the models that
 * can reach a scoped type, and no others.
 */
export const scopeDatabaseQueries = (strapi: Core.Strapi) => {
  const graph = createModelGraph(strapi);
  if (!graph.watched.length) return;

  /**
   * The accounts whose documents the running request reaches, or null when it is not scoped: at
   * a query's own type, the acting account's (the Document Service middlewares check that type's
   * keys, knowing the action); through a relation, the acting account's where the member holds
   * the related type's `read` keys, and none where they do not. Within a Document Service write,
   * which reads the relations it copies (publish, clone, a locale's shared fields) and checks
   * that the files its document holds exist, every related document of the account and every
   * file stays, since what it does not see it would drop or refuse.
   */
  const reachOf = async (): Promise<Reach | null> => {
    const scope = await actingScope(strapi);
    if (scope.kind === 'all') return null;
    const inWrite = inDocumentWrite(strapi);
    const files = { holdsFiles: !inWrite, changesFiles: changesFiles(strapi) };
    if (scope.kind === 'none') return { accounts: [], related: () => [], ...files };
    const { accountId, permissions } = scope;
    const accounts = [accountId];
    if (!permissions || inWrite) return { accounts, related: () => accounts, ...files };
    const related = (uid: string) =>
      keysMissing(graph.readKeysThroughRelations(uid), permissions).length ? [] : accounts;
    return { accounts, related, ...files };
  };
  const readScope = (reach: Reach) =>
    createReadScope(graph, reach, createScopedSql(strapi, graph, reach.related));
  /**
   * Under an admin's hold of a scoped type (`runHeldToAccounts`: a write of one of its documents,
   * a single type's view of one account), Strapi's reads of that type see the accounts held, but
   * for its lookups of the rows named by id: an admin links documents of every account, of this
   * type as of any other. An admin's other reads see every account.
   */
  const holdToAccountsOfAdmin = ({ model, params }: QueryEvent) => {
    const hold = adminHoldOf(strapi);
    if (hold?.uid !== model.uid || namesRows(params.where)) return;
    params.where = and(params.where, { [ACCOUNT_ATTRIBUTE]: { $in: hold.accounts } });
  };
  const count = async (event: QueryEvent) => {
    const reach = await reachOf();
    if (reach) readScope(reach).query(event.model.uid, event.params);
    else holdToAccountsOfAdmin(event);
  };

  /**
   * A find: held to the account, and when it sorts through a scoped relation, the page is chosen
   * by the plugin's own sort, then loaded by id and put back in that order.
   */
  const find = (one: boolean) => async (event: FindEvent) => {
    const reach = await reachOf();
    if (!reach) return holdToAccountsOfAdmin(event);
    const { uid } = event.model;
    const { params } = event;
    const sql = createScopedSql(strapi, graph, reach.related);
    const plan = createReadScope(graph, reach, sql).query(uid, params);
    event.state.sql = sql;
    event.state.populated = plan.populated;
    if (!plan.sort) return;
    const matching = strapi.db
      .queryBuilder(uid as never)
      .init({ where: params.where, _q: params._q, filters: params.filters } as never)
      .select('id')
      .getKnexQuery();
    const page = { limit: one ? 1 : (params.limit as number), offset: params.offset as number };
    const order = await sql.order(uid, plan.sort, matching as never, page);
    params.where = { id: { $in: order } };
    delete params.orderBy;
    delete params.limit;
    delete params.offset;
    event.state.order = order;
  };

  /** Puts back the order `find` chose, when it chose one: most finds have nothing to do here. */
  const sorted = (event: FindEvent) => {
    const { order, populated } = event.state;
    return order || populated?.length ? reorder(event) : undefined;
  };
  const reorder = async (event: FindEvent) => {
    const { sql, order, populated } = event.state;
    const rows = [event.result ?? []].flat();
    if (order && Array.isArray(event.result)) {
      const rank = new Map(order.map((id, index) => [id, index]));
      event.result.sort((a, b) => rank.get(Number(a.id))! - rank.get(Number(b.id))!);
    }
    for (const { path, target, keys, limit, offset = 0 } of populated ?? []) {
      const lists = listsAt(rows, path);
      const related = [...new Set(lists.flat().map((row) => Number(row.id)))];
      if (!related.length) continue;
      const rank = new Map((await sql!.order(target, keys, related)).map((id, i) => [id, i]));
      for (const list of lists) {
        const page = list
          .sort((a, b) => rank.get(Number(a.id))! - rank.get(Number(b.id))!)
          .slice(offset, limit === undefined ? undefined : offset + limit);
        list.splice(0, list.length, ...page);
      }
    }
  };
  const create = async (event: QueryEvent) => {
    const reach = await reachOf();
    if (!reach) return;
    const { uid } = event.model;
    const { data } = event.params;
    await createWriteScope(strapi, graph, reach).data(uid, data);
    // a file a member uploads is their account's; one uploaded for no account stays shared
    const [accountId] = reach.accounts;
    if (graph.sharedUnlessFiled(uid) && accountId !== undefined && isRecord(data)) {
      data[ACCOUNT_ATTRIBUTE] = accountId;
    }
  };
  const update = async (event: QueryEvent) => {
    const reach = await reachOf();
    if (!reach) return;
    readScope(reach).rows(event.model.uid, event.params);
    const { data, where } = event.params;
    await createWriteScope(strapi, graph, reach).data(event.model.uid, data, where);
  };
  const rows = async (event: QueryEvent) => {
    const reach = await reachOf();
    if (reach) readScope(reach).rows(event.model.uid, event.params);
  };

  strapi.db.lifecycles.subscribe({
    models: graph.watched,
    beforeFindOne: find(true),
    beforeFindMany: find(false),
    afterFindOne: sorted,
    afterFindMany: sorted,
    beforeCount: count,
    beforeCreate: create,
    beforeUpdate: update,
    beforeUpdateMany: rows,
    beforeDelete: rows,
    beforeDeleteMany: rows,
  } as never);
};
