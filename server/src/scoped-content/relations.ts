import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACCOUNT_ATTRIBUTE, isScoped } from './options';

type Attribute = {
  type: string;
  target?: string;
  component?: string;
  components?: string[];
  relation?: string;
};
type Schema = { attributes: Record<string, Attribute> };
type Lookup = (uid: string) => Schema | undefined;

const POPULATABLE = ['relation', 'component', 'media', 'dynamiczone'];
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const and = (filters: unknown, scope: Record<string, unknown>) =>
  isObject(filters) && Object.keys(filters).length ? { $and: [filters, scope] } : scope;

/** A content type's or a component's schema, by uid. */
export const schemaLookup =
  (strapi: Core.Strapi): Lookup =>
  (uid) =>
    (strapi.contentType(uid as never) ?? strapi.components[uid as never]) as Schema | undefined;

/** Every form `populate` takes (`*`, `a,b`, dotted paths, arrays, objects) as one object. */
const normalize = (populate: unknown, schema: Schema): Record<string, unknown> => {
  if (populate === '*' || populate === true || populate === 'true') {
    return Object.fromEntries(
      Object.entries(schema.attributes)
        .filter(([, attribute]) => POPULATABLE.includes(attribute.type))
        .map(([name]) => [name, true])
    );
  }
  if (typeof populate === 'string') {
    return normalize(
      populate
        .split(',')
        .map((path) => path.trim())
        .filter(Boolean),
      schema
    );
  }
  if (Array.isArray(populate)) {
    const merged: Record<string, unknown> = {};
    for (const path of populate) {
      if (typeof path !== 'string') continue;
      const [head, ...rest] = path.split('.');
      const previous = isObject(merged[head]) ? (merged[head] as Record<string, unknown>) : {};
      merged[head] = rest.length
        ? { ...previous, populate: [...[previous.populate ?? []].flat(), rest.join('.')] }
        : (merged[head] ?? true);
    }
    return merged;
  }
  return isObject(populate) ? populate : {};
};

/**
 * What a request reads through relations, held to one account: `populate` of a scoped target
 * gets the account's filter at every depth (`*`, named, dotted and nested alike), and a filter
 * through a relation to a scoped target can only match that account's documents.
 */
export const createRelationScope = (lookup: Lookup, accountId: number) => {
  const scope = { [ACCOUNT_ATTRIBUTE]: accountId };
  const targetOf = (attribute: Attribute) =>
    attribute.type === 'relation'
      ? attribute.target
      : attribute.type === 'component'
        ? attribute.component
        : undefined;

  const populate = (value: unknown, schema: Schema): unknown => {
    const normalized = normalize(value, schema);
    return Object.fromEntries(
      Object.entries(normalized).map(([name, entry]) => {
        const attribute = schema.attributes[name];
        if (attribute?.type === 'dynamiczone') return [name, populateZone(entry, attribute)];
        const targetUid = attribute && targetOf(attribute);
        const target = targetUid ? lookup(targetUid) : undefined;
        if (!attribute || !target) return [name, entry];
        const options = isObject(entry) ? { ...entry } : {};
        if (options.populate !== undefined) options.populate = populate(options.populate, target);
        if (attribute.type === 'relation' && isScoped(target as never)) {
          options.filters = and(filters(options.filters, target), scope);
        } else if (options.filters !== undefined) {
          options.filters = filters(options.filters, target);
        }
        return [name, Object.keys(options).length ? options : entry];
      })
    );
  };

  /**
   * A dynamic zone's populate, as one fragment per component (`on`), each scoped like a
   * component's: a populate shared by every component becomes the same fragment for each.
   */
  const populateZone = (entry: unknown, attribute: Attribute): unknown => {
    if (!isObject(entry)) return entry;
    const { populate: shared, on, ...rest } = entry;
    const fragments: Record<string, unknown> = isObject(on)
      ? { ...on }
      : shared !== undefined
        ? Object.fromEntries((attribute.components ?? []).map((uid) => [uid, { populate: shared }]))
        : {};
    for (const [uid, fragment] of Object.entries(fragments)) {
      const component = lookup(uid);
      if (!component || !isObject(fragment) || fragment.populate === undefined) continue;
      fragments[uid] = { ...fragment, populate: populate(fragment.populate, component) };
    }
    return Object.keys(fragments).length ? { ...rest, on: fragments } : entry;
  };

  const filters = (value: unknown, schema: Schema): unknown => {
    if (Array.isArray(value)) return value.map((item) => filters(item, schema));
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => {
        if (key.startsWith('$')) return [key, filters(entry, schema)];
        const attribute = schema.attributes[key];
        const targetUid = attribute && targetOf(attribute);
        const target = targetUid ? lookup(targetUid) : undefined;
        if (!attribute || !target) return [key, entry];
        const nested = filters(entry, target);
        return [
          key,
          attribute.type === 'relation' && isScoped(target as never) ? and(nested, scope) : nested,
        ];
      })
    );
  };

  return { populate, filters };
};

/** The documentIds and ids a relation value names, in every form the Document Service takes. */
const referencesOf = (value: unknown, found: { documentIds: string[]; ids: number[] }) => {
  if (typeof value === 'string') found.documentIds.push(value);
  else if (typeof value === 'number') found.ids.push(value);
  else if (Array.isArray(value)) value.forEach((item) => referencesOf(item, found));
  else if (isObject(value)) {
    if (typeof value.documentId === 'string') found.documentIds.push(value.documentId);
    if (typeof value.id === 'number' || typeof value.id === 'string') {
      if (typeof value.id === 'number') found.ids.push(value.id);
      else found.documentIds.push(value.id);
    }
    referencesOf(value.connect, found);
    referencesOf(value.set, found);
  }
  return found;
};

/** A relation to a scoped type named in a write, with where it was found. */
type Reference = { path: string; target: string; value: unknown };

/** Every relation value of a write, in components and dynamic zones too. */
const referencesIn = (
  lookup: Lookup,
  schema: Schema,
  data: unknown,
  path: string[],
  found: Reference[] = []
) => {
  if (!isObject(data)) return found;
  for (const [name, value] of Object.entries(data)) {
    const attribute = schema.attributes[name];
    if (!attribute) continue;
    const at = [...path, name];
    if (attribute.type === 'relation' && attribute.target) {
      found.push({ path: at.join('.'), target: attribute.target, value });
    } else if (attribute.type === 'component' && attribute.component) {
      const component = lookup(attribute.component);
      if (!component) continue;
      if (!Array.isArray(value)) referencesIn(lookup, component, value, at, found);
      else
        value.forEach((item, i) => referencesIn(lookup, component, item, [...at, `${i}`], found));
    } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      value.forEach((item, index) => {
        const component = isObject(item) ? lookup(String(item.__component)) : undefined;
        if (component) referencesIn(lookup, component, item, [...at, String(index)], found);
      });
    }
  }
  return found;
};

/**
 * Refuses a write whose relations (in components and dynamic zones too) name a document of a
 * scoped type that belongs to another account (or to none), before Strapi resolves them: a
 * numeric id would skip its lookup.
 */
export const assertRelationsInAccount = async (
  strapi: Core.Strapi,
  schema: Schema,
  data: unknown,
  accountId: number
) => {
  for (const { path, target, value } of referencesIn(schemaLookup(strapi), schema, data, [])) {
    if (!isScoped(strapi.contentType(target as never) as never)) continue;
    const { documentIds, ids } = referencesOf(value, { documentIds: [], ids: [] });
    if (!documentIds.length && !ids.length) continue;
    const rows = (await strapi.db.query(target as never).findMany({
      where: { $or: [{ documentId: { $in: documentIds } }, { id: { $in: ids } }] },
      select: ['id', 'documentId', ACCOUNT_ATTRIBUTE],
    })) as { id: number; documentId: string; [ACCOUNT_ATTRIBUTE]: number | null }[];
    const ours = rows.filter((row) => row[ACCOUNT_ATTRIBUTE] === accountId);
    const theirs = rows.length !== ours.length;
    const missing =
      documentIds.some((d) => !ours.some((row) => row.documentId === d)) ||
      ids.some((id) => !ours.some((row) => row.id === id));
    if (theirs || missing) {
      throw new errors.ValidationError(`${path}: no such document in this account`, {
        errors: [
          {
            path: path.split('.'),
            message: 'No such document in this account',
            name: 'ValidationError',
          },
        ],
      });
    }
  }
};
