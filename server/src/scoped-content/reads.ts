import { isPolymorphic, isToOne, type ModelGraph } from './model-graph';
import { isRecord } from '../utils';
import { invalidAt as invalid } from '../utils/errors';
import { ACCOUNT_ATTRIBUTE } from './options';
import { sortKeys, type ScopedSql, type SortKey } from './ordering';

/** A populated list sorted through a scoped relation: sorted, then paged, once it is loaded. */
export type PopulatedSort = {
  path: string[];
  target: string;
  keys: SortKey[];
  limit?: number;
  offset?: number;
};

type Where = Record<string, unknown>;
const isOperator = (key: string) => key.startsWith('$');
const GROUPS = ['$and', '$or', '$not'];
const ID_OPERATORS = [
  '$eq',
  '$ne',
  '$in',
  '$notIn',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$between',
  '$null',
  '$notNull',
];

/**
 * Whose documents a request reaches: at a query's own type (`accounts`), and through a relation,
 * by the related type (`related`). `holdsFiles`: whether a file filed under another account, or
 * that a document out of reach uses, is out of reach itself, so that nobody lists, renames,
 * replaces or deletes it from another account. `changesFiles`: whether the request renames,
 * replaces or deletes files, which it does to its accounts' own only, not to shared ones.
 */
export type Reach = {
  accounts: number[];
  related: (uid: string) => number[];
  holdsFiles: boolean;
  changesFiles: boolean;
};

/** The files a request changes: those filed under one of `accounts`. */
const filedUnder = (accounts: number[]): Where => ({ [ACCOUNT_ATTRIBUTE]: { $in: accounts } });

/** The files a request reaches by where they are filed: under one of `accounts`, or under none. */
export const filedInReach = (accounts: number[]): Where => ({
  $or: [{ [ACCOUNT_ATTRIBUTE]: { $null: true } }, filedUnder(accounts)],
});

/** `where` AND `condition`, whatever shape `where` has (none, an object, a list). */
export const and = (where: unknown, condition: Where): unknown => {
  if (Array.isArray(where)) return where.length ? { $and: [...where, condition] } : condition;
  return isRecord(where) && Object.keys(where).length ? { $and: [where, condition] } : condition;
};

/** A related document's id as a filter names it: an integer, or a list of integers. */
const isIdValue = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.every(isIdValue)
    : (typeof value === 'number' && Number.isInteger(value)) ||
      (typeof value === 'string' && /^\d+$/.test(value));

/**
 * A database query's `where`, `populate` and `orderBy` held to one account (or none): wherever a
 * query reaches a scoped type through a relation, at any depth, it sees, filters and counts that
 * account's documents only. These are the parameters Strapi's query engine really runs, after
 * its own mapping, whatever route or shape the request came in by.
 */
export const createReadScope = (graph: ModelGraph, reach: Reach, sql: ScopedSql) => {
  const populatedSorts: PopulatedSort[] = [];
  const inAccounts = (accountIds: number[]): Where => ({
    [ACCOUNT_ATTRIBUTE]: { $in: accountIds },
  });
  /** A related type's documents the request may read. */
  const inScope = (target: string) => inAccounts(reach.related(target));
  const outOfScope = (target: string): Where => ({
    $or: [
      { [ACCOUNT_ATTRIBUTE]: { $null: true } },
      { [ACCOUNT_ATTRIBUTE]: { $notIn: reach.related(target) } },
    ],
  });

  /** `$null` and its kin on a relation: whether any related document the caller can see is there. */
  const isNullFilter = (value: unknown) => {
    const [operator, operand] = isRecord(value) ? Object.entries(value)[0] : ['$eq', value];
    const onNull = (operator === '$eq' || operator === '$ne') && operand === null;
    if (operator !== '$null' && operator !== '$notNull' && !onNull) return undefined;
    return {
      none: onNull ? operator === '$eq' : operator === '$null' ? Boolean(operand) : !operand,
    };
  };

  /**
   * `$null` on a list of scoped documents, as a condition on the rows that hold the list: the
   * join Strapi would make tests every related row, hidden ones included.
   */
  const onList = (uid: string, name: string, none: boolean): Where => ({
    id: { [none ? '$notIn' : '$in']: sql.linkedIds(uid, name) },
  });

  /** A filter on a single relation itself (`{ project: 5 }`, `{ project: { $null: true } }`). */
  const onRelation = (value: unknown, target: string): unknown => {
    const test = isNullFilter(value);
    if (!test) return { $and: [{ id: value }, inScope(target)] };
    return test.none
      ? { $or: [{ id: { $null: true } }, outOfScope(target)] }
      : { $and: [{ id: { $notNull: true } }, inScope(target)] };
  };

  /**
   * How a filter names related documents: by their fields (`nested`), or by id with one
   * operator (`id`). Anything else would reach the query engine as a 500.
   */
  const relationFilter = (value: unknown, path: string[]): 'nested' | 'id' => {
    const keys = isRecord(value) ? Object.keys(value) : [];
    const idOperators = keys.filter((key) => isOperator(key) && !GROUPS.includes(key));
    if (isRecord(value) && !idOperators.length) return 'nested';
    const [operator, operand] = isRecord(value) ? Object.entries(value)[0] : ['$eq', value];
    const valid =
      keys.length === idOperators.length &&
      idOperators.length <= 1 &&
      ID_OPERATORS.includes(operator) &&
      (operator === '$null' || operator === '$notNull' || operand === null || isIdValue(operand));
    if (!valid) throw invalid(`${path.join('.')}: invalid filter on a relation`, path);
    return 'id';
  };

  /** `negated`: under an odd number of `$not`s. */
  const where = (value: unknown, uid: string, path: string[] = [], negated = false): unknown => {
    if (Array.isArray(value)) return value.map((item) => where(item, uid, path, negated));
    if (!isRecord(value)) return value;
    const attributes = graph.attributes(uid);
    const onLists: Where[] = [];
    const kept = Object.entries(value).flatMap(([key, entry]): [string, unknown][] => {
      if (GROUPS.includes(key)) {
        return [[key, where(entry, uid, path, key === '$not' ? !negated : negated)]];
      }
      const attribute = attributes[key];
      if (isOperator(key) || attribute?.type !== 'relation' || isPolymorphic(attribute)) {
        return [[key, entry]];
      }
      const target = attribute.target;
      if (!target || !graph.matters(target)) return [[key, entry]];
      const at = [...path, key];
      const nested = relationFilter(entry, at) === 'nested';
      if (!graph.isScoped(target)) {
        return [[key, nested ? where(entry, target, at, negated) : entry]];
      }
      const test = isNullFilter(entry);
      // Strapi tests such a filter on each related row it joins, hidden ones too: negated, a
      // hidden row would pass it, and tell a document with hidden relations from one without.
      // Whether any related document is there (`$null`) is tested on the visible ones alone.
      if (negated && (nested || !test)) {
        throw invalid(
          `${at.join('.')}: a filter through a relation to account-scoped documents cannot be negated ($not)`,
          at
        );
      }
      if (nested) return [[key, and(where(entry, target, at), inScope(target))]];
      if (test && !isToOne(attribute)) {
        onLists.push(onList(uid, key, test.none));
        return [];
      }
      return [[key, onRelation(entry, target)]];
    });
    const rest = Object.fromEntries(kept);
    return onLists.length ? { $and: [rest, ...onLists] } : rest;
  };

  /** The terms of a sort, when one of them goes through a relation to a scoped type. */
  const scopedSort = (orderBy: unknown, uid: string) => {
    const keys = sortKeys(graph, uid, orderBy);
    return keys.some((key) => key.scoped) ? keys : undefined;
  };

  /**
   * One populated relation's query, held to the account when it lands on a scoped type. A sort
   * through a scoped relation is done once the rows are loaded (`path` is where they land), since
   * Strapi's join cannot keep to the account; a polymorphic relation's rows land mixed, so there
   * it is refused.
   */
  const entry = (value: unknown, target: string, path: string[] | null): unknown => {
    if (!graph.matters(target)) return value;
    // Strapi's query engine loads a relation named with any value (`false` too) and reads its
    // options from an object only: anything else is loaded as `true` is, and held as it is
    const options: Record<string, unknown> = isRecord(value) ? { ...value } : {};
    if (options.where !== undefined) options.where = where(options.where, target);
    const keys = options.count ? undefined : scopedSort(options.orderBy, target);
    if (keys && !path) {
      throw invalid('cannot sort the documents of several types by related documents', []);
    }
    if (keys && path) {
      const { limit, offset } = options as { limit?: number; offset?: number };
      populatedSorts.push({ path, target, keys, limit, offset });
      delete options.orderBy;
      delete options.limit;
      delete options.offset;
      if (Array.isArray(options.select) && !options.select.includes('id')) {
        options.select = [...options.select, 'id'];
      }
    }
    if (options.populate !== undefined) options.populate = populate(options.populate, target, path);
    if (graph.isScoped(target)) options.where = and(options.where, inScope(target));
    return options;
  };

  /** A polymorphic relation (a dynamic zone, a file's `related`): one query per type it holds. */
  const polymorphic = (value: unknown, targets: string[], name: string): unknown => {
    if (!targets.some((target) => graph.matters(target))) return value;
    const options = isRecord(value) ? value : {};
    if (options.count) {
      throw invalid(`${name}: cannot count documents of several types here`, [name]);
    }
    const { on, ...shared } = options;
    const fragments = isRecord(on)
      ? on
      : Object.fromEntries(targets.map((target) => [target, shared]));
    // a file's `related` shows a scoped type's published versions only, as its routes would
    const published = (type: string, scopedEntry: unknown) =>
      graph.hasDrafts(type) && isRecord(scopedEntry)
        ? { ...scopedEntry, where: and(scopedEntry.where, { publishedAt: { $notNull: true } }) }
        : scopedEntry;
    return {
      on: Object.fromEntries(
        Object.entries(fragments).map(([type, fragment]) => [
          type,
          published(type, entry(fragment, type, null)),
        ])
      ),
    };
  };

  const populate = (value: unknown, uid: string, path: string[] | null = []): unknown => {
    const attributes = graph.attributes(uid);
    let named: Record<string, unknown>;
    if (value === true) {
      named = Object.fromEntries(
        Object.entries(attributes)
          .filter(([, attribute]) => attribute.type === 'relation')
          .map(([name]) => [name, true])
      );
    } else if (Array.isArray(value)) {
      named = {};
      for (const path of value) {
        if (typeof path !== 'string') return value;
        const [head, ...rest] = path.split('.');
        const previous = named[head];
        if (!rest.length) named[head] = previous ?? true;
        else {
          const nested = isRecord(previous) ? [previous.populate].flat() : [];
          named[head] = { populate: [...nested.filter(Boolean), rest.join('.')] };
        }
      }
    } else if (isRecord(value)) {
      named = value;
    } else {
      return value;
    }
    return Object.fromEntries(
      Object.entries(named).map(([name, option]) => {
        const attribute = attributes[name];
        if (attribute?.type !== 'relation') return [name, option];
        if (isPolymorphic(attribute)) {
          return [name, polymorphic(option, graph.targetsOf(uid, name, attribute), name)];
        }
        const at = path && [...path, name];
        return [name, attribute.target ? entry(option, attribute.target, at) : option];
      })
    );
  };

  /**
   * The rows of `uid` a query may touch at its root: the account's; of files, those filed under
   * it or under none (under it only, to rename, replace or delete), that no document out of reach
   * uses.
   */
  const held = (uid: string, params: Record<string, unknown>) => {
    if (graph.isScoped(uid)) {
      params.where = and(params.where, inAccounts(reach.accounts));
      return;
    }
    if (!reach.holdsFiles) return;
    if (graph.sharedUnlessFiled(uid)) {
      const filed = reach.changesFiles ? filedUnder : filedInReach;
      params.where = and(params.where, filed(reach.accounts));
    }
    for (const used of sql.rowsUsed(uid, 'unseen')) {
      params.where = and(params.where, { id: { $notIn: used } });
    }
  };

  return {
    /**
     * The parameters of a find, findOne or count on `uid`, held to the account. What is left to
     * do once the query runs comes back: the root's sort through a scoped relation (`sort`), and
     * the populated lists to sort once loaded.
     */
    query(uid: string, params: Record<string, unknown>) {
      if (params.where !== undefined) params.where = where(params.where, uid);
      if (params.populate !== undefined) params.populate = populate(params.populate, uid);
      held(uid, params);
      return { sort: scopedSort(params.orderBy, uid), populated: populatedSorts };
    },
    /** A write's target rows: another account's rows are not there, nor the files it uses. */
    rows: held,
  };
};
