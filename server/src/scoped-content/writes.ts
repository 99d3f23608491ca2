import type { Core } from '@strapi/strapi';
import { unscoped } from '../utils/request-context';
import { isPolymorphic, isToOne, type DbAttribute, type ModelGraph } from './model-graph';
import { isRecord, listOf } from '../utils';
import { integerOf, queryOf, type AnyRow } from '../utils/by-uid';
import { invalidAt } from '../utils/errors';
import { ACCOUNT_ATTRIBUTE } from './options';
import { filedInReach, type Reach } from './reads';
import { createScopedSql } from './ordering';

type Data = Record<string, unknown>;

/** A related row as Strapi's query engine takes it, once its own id mapping is done. */
const idOf = (item: unknown) => integerOf(isRecord(item) ? item.id : item);

/** Strapi's own answer to a relation naming ids it does not have. */
const unknownRelations = (count: number, target: string) =>
  invalidAt(`${count} relation(s) of type ${target} associated with this entity do not exist`, []);

/**
 * A relation's value in any of the query engine's shapes, as operations, and the ids it names to
 * link or position against (`given`, as written; `ids`, those that are integers).
 */
const namedIn = (value: unknown) => {
  const isOperations =
    isRecord(value) && ('set' in value || 'connect' in value || 'disconnect' in value);
  const operations: Data = isOperations ? value : { set: value };
  const named = [...listOf(operations.set), ...listOf(operations.connect)];
  const positions = named.flatMap((item) =>
    isRecord(item) && isRecord(item.position)
      ? [item.position.before, item.position.after].filter((id) => id !== undefined)
      : []
  );
  const given = [...named, ...positions].map(idOf);
  return { isOperations, operations, given, ids: given.filter((id) => id !== undefined) };
};

/**
 * What a write does to relations that land on a scoped type, checked on the ids Strapi resolved
 * (every shape a client may write has become `{ id }` by now): linking or positioning against a
 * document the caller cannot see (another account's, or of a type whose `read` keys they do not
 * hold) is what an unknown id is, unlinking one changes nothing, and replacing a list keeps the
 * links the caller cannot see.
 */
export const createWriteScope = (strapi: Core.Strapi, graph: ModelGraph, reach: Reach) => {
  const visible = async (target: string, ids: number[]) => {
    if (!ids.length) return new Set<number>();
    const rows = await queryOf(strapi, target).findMany({
      where: {
        $and: [{ id: { $in: ids } }, { [ACCOUNT_ATTRIBUTE]: { $in: reach.related(target) } }],
      },
      select: ['id'],
    });
    return new Set(rows.map((row) => integerOf(row.id)));
  };

  /** The related ids a row links now that the caller cannot see: a replace must keep them. */
  const hiddenLinks = async (uid: string, rowId: number, name: string, target: string) => {
    const seen = reach.related(target);
    // read as the database holds it: this request's own scope would hide exactly these
    const row = await unscoped(strapi, () =>
      queryOf(strapi, uid).findOne({
        where: { id: rowId },
        select: ['id'],
        populate: { [name]: { select: ['id', ACCOUNT_ATTRIBUTE] } },
      })
    );
    return listOf(row?.[name])
      .filter(isRecord)
      .filter((item) => !seen.some((id) => id === integerOf(item[ACCOUNT_ATTRIBUTE])))
      .map((item) => ({ id: integerOf(item.id) }));
  };

  const relation = async (
    uid: string,
    rowId: () => Promise<number | undefined>,
    name: string,
    attribute: DbAttribute,
    value: unknown
  ): Promise<unknown> => {
    const target = attribute.target!;
    const { isOperations, operations, given, ids } = namedIn(value);
    const disconnect = listOf(operations.disconnect)
      .map(idOf)
      .filter((id) => id !== undefined);
    const seen = await visible(target, [...new Set([...ids, ...disconnect])]);
    // an id not written as an integer (" 2", "2.0") is one the database may still read as a row
    // of another account's: it links nothing, as an unknown id does
    const unreadable = given.length - ids.length;
    const unseen = new Set(ids.filter((id) => !seen.has(id)));
    if (unseen.size + unreadable) throw unknownRelations(unseen.size + unreadable, target);

    const row = operations.set !== undefined && !isToOne(attribute) ? await rowId() : undefined;
    const hidden = row === undefined ? [] : await hiddenLinks(uid, row, name, target);
    if (!isOperations) return hidden.length ? [...listOf(value), ...hidden] : value;
    const result: Data = { ...operations };
    if (operations.disconnect !== undefined) {
      result.disconnect = listOf(operations.disconnect).filter((item) => seen.has(idOf(item)!));
    }
    if (hidden.length) result.set = [...listOf(operations.set), ...hidden];
    return result;
  };

  /**
   * Linking a file filed under another account, or that a document out of reach uses, is what
   * an unknown id is, unless a document the caller can see uses it too: a publish, a clone or a
   * new locale copies the files its document holds.
   */
  const assertFilesLinkable = async (target: string, value: unknown) => {
    const { ids } = namedIn(value);
    if (!ids.length) return;
    const sql = createScopedSql(strapi, graph, reach.related);
    const beyond = sql.rowsUsed(target, 'unseen').map((used): unknown => ({ id: { $in: used } }));
    if (graph.sharedUnlessFiled(target)) beyond.push({ $not: filedInReach(reach.accounts) });
    const unusedSeen = sql.rowsUsed(target, 'seen').map((used) => ({ id: { $notIn: used } }));
    const named = { id: { $in: [...new Set(ids)] } };
    const out = await unscoped(strapi, () =>
      queryOf(strapi, target).count({
        where: { $and: [named, { $or: beyond }, ...unusedSeen] },
      })
    );
    if (out) throw unknownRelations(out, target);
  };

  /** A polymorphic list (a file's `related`): entries of another account are left out. */
  const polymorphic = async (value: unknown) => {
    const kept = [];
    for (const item of listOf(value)) {
      const type = isRecord(item) && typeof item.__type === 'string' ? item.__type : undefined;
      const id = idOf(item);
      if (!graph.isScoped(type) || (id !== undefined && (await visible(type!, [id])).has(id))) {
        kept.push(item);
      }
    }
    return Array.isArray(value) ? kept : (kept[0] ?? null);
  };

  return {
    /**
     * The `data` of a create (no `where`) or an update (the `where` of the row it changes), held
     * to the account.
     */
    async data(uid: string, data: unknown, where?: unknown) {
      if (!isRecord(data)) return;
      const attributes = graph.attributes(uid);
      // the row an update changes, read only when a replaced list needs it
      let row: Promise<AnyRow | null> | undefined;
      const rowId = async () => {
        if (where === undefined) return undefined;
        row ??= queryOf(strapi, uid).findOne({ where, select: ['id'] });
        return integerOf((await row)?.id);
      };
      for (const [name, value] of Object.entries(data)) {
        const attribute = attributes[name];
        if (attribute?.type !== 'relation' || value === undefined) continue;
        if (isPolymorphic(attribute)) {
          if (graph.targetsOf(uid, name, attribute).some((t) => graph.isScoped(t))) {
            data[name] = await polymorphic(value);
          }
        } else if (graph.isScoped(attribute.target)) {
          data[name] = await relation(uid, rowId, name, attribute, value);
        } else if (
          graph.usedBy(attribute.target!).length ||
          graph.sharedUnlessFiled(attribute.target!)
        ) {
          await assertFilesLinkable(attribute.target!, value);
        }
      }
    },
  };
};
