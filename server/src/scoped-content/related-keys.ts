import type { Core } from '@strapi/strapi';
import { isRecord, keysMissing, listOf } from '../utils';
import { modelOf } from '../utils/by-uid';
import { readKeysThroughRelations } from './options';

/**
 * The `read` keys of related types in a Document Service write: what the member may link, and
 * what the answer may populate. (What the write copies, Strapi's own work, is held at the
 * database layer.)
 */

/** The upload plugin's files, which a media attribute holds, and whose `related` names any type. */
const FILE_UID = 'plugin::upload.file';

/** What a schema's attribute names of the types it holds. */
type Attribute = { type: string; target?: string; component?: string; components?: string[] };

/** A dynamic zone's entries and a polymorphic relation's items name their own type. */
const typeNamed = (item: unknown, key: '__component' | '__type') =>
  isRecord(item) && typeof item[key] === 'string' ? item[key] : undefined;

// a content type's or a component's, known only at run time
const attributesOf = (strapi: Core.Strapi, uid: string) =>
  (modelOf(strapi, uid)?.attributes ?? {}) as Record<string, Attribute>;

const readKeysOf = (strapi: Core.Strapi, uid: string | undefined) =>
  readKeysThroughRelations(uid === undefined ? undefined : modelOf(strapi, uid));

/** True when some scoped type of the app asks for `read` keys: else no answer has to be looked at. */
export const anyReadKeys = (strapi: Core.Strapi) =>
  Object.keys(strapi.contentTypes).some((uid) => readKeysOf(strapi, uid).length > 0);

/** The components a component attribute or a dynamic zone may hold. */
const partsOf = (attribute: Attribute) =>
  attribute.type === 'component'
    ? [attribute.component ?? '']
    : attribute.type === 'dynamiczone'
      ? (attribute.components ?? [])
      : [];

/**
 * The `read` keys of every type a component can link to, in the components and dynamic zones it
 * holds too: what writing it in place of the one a document has may drop.
 */
const keysLinkableIn = (strapi: Core.Strapi, component: string): string[] =>
  Object.values(attributesOf(strapi, component)).flatMap((attribute) =>
    attribute.type === 'relation'
      ? readKeysOf(strapi, attribute.target)
      : partsOf(attribute).flatMap((part) => keysLinkableIn(strapi, part))
  );

/**
 * The `read` keys needed to link or unlink what `data` names on type `uid`: its relations'
 * targets, in its components and dynamic zones too, whatever shape each relation is written in.
 * An update replaces the components and dynamic zones it writes, with the links they held, named
 * or not: it needs the keys of every type they can link to.
 */
export const keysToLink = (
  strapi: Core.Strapi,
  uid: string,
  data: unknown,
  { replacesParts }: { replacesParts: boolean }
): string[] => {
  const keys = new Set<string>();
  const add = (key: string) => keys.add(key);
  const walk = (type: string | undefined, value: unknown) => {
    if (type === undefined || !isRecord(value)) return;
    const attributes = attributesOf(strapi, type);
    for (const [name, written] of Object.entries(value)) {
      const attribute = attributes[name];
      if (!attribute || written === undefined) continue;
      if (attribute.type === 'relation') {
        for (const key of readKeysOf(strapi, attribute.target)) keys.add(key);
      } else if (replacesParts) {
        for (const part of partsOf(attribute)) keysLinkableIn(strapi, part).forEach(add);
      } else if (attribute.type === 'component') {
        for (const item of listOf(written)) walk(attribute.component, item);
      } else if (attribute.type === 'dynamiczone') {
        for (const item of listOf(written)) walk(typeNamed(item, '__component'), item);
      }
    }
  };
  walk(uid, data);
  return [...keys];
};

/** The type an attribute leads to in a filter, a sort or a populate, when it leads to one. */
const typeBehind = (attribute: Attribute | undefined) =>
  attribute?.type === 'relation'
    ? attribute.target
    : attribute?.type === 'component'
      ? attribute.component
      : attribute?.type === 'media'
        ? FILE_UID
        : undefined;

/**
 * The `read` keys of the types that the filters and sorts of a write go through, in its own
 * `filters` and at any depth of its answer's `populate`. Strapi runs them within the write, which
 * sees every related document of the account (what it copies keeps them all): a member must hold
 * a type's keys to filter or sort by its documents there.
 */
export const keysToFilter = (strapi: Core.Strapi, uid: string, params: Record<string, unknown>) => {
  const keys = new Set<string>();
  const through = (type: string | undefined) => {
    for (const key of readKeysOf(strapi, type)) keys.add(key);
  };
  /** A `filters` object, or a sort written as one (`{ tasks: { title: 'asc' } }`). */
  const filter = (type: string | undefined, value: unknown) => {
    if (type === undefined) return;
    if (Array.isArray(value)) return value.forEach((item) => filter(type, item));
    if (!isRecord(value)) return;
    const attributes = attributesOf(strapi, type);
    for (const [name, nested] of Object.entries(value)) {
      const behind = typeBehind(attributes[name]);
      if (name.startsWith('$')) filter(type, nested);
      else if (behind) {
        through(attributes[name].target);
        filter(behind, nested);
      }
    }
  };
  /** A sort as text (`tasks.title:asc`, several joined by commas), a list, or an object. */
  const sort = (type: string | undefined, value: unknown) => {
    if (typeof value !== 'string')
      return Array.isArray(value) ? value.forEach((item) => sort(type, item)) : filter(type, value);
    for (const term of value.split(',')) {
      let at = type;
      for (const name of term.split(':')[0].trim().split('.')) {
        const attribute = at === undefined ? undefined : attributesOf(strapi, at)[name];
        through(attribute?.target);
        at = typeBehind(attribute);
      }
    }
  };
  const populate = (type: string | undefined, value: unknown) => {
    if (type === undefined || !isRecord(value)) return;
    const attributes = attributesOf(strapi, type);
    for (const [name, options] of Object.entries(value)) {
      const target = typeBehind(attributes[name]);
      if (!isRecord(options)) continue;
      const fragments = isRecord(options.on) ? Object.entries(options.on) : [];
      for (const [fragmentType, fragment] of [[target, options] as const, ...fragments]) {
        if (!isRecord(fragment) || fragmentType === undefined) continue;
        filter(fragmentType, fragment.filters);
        sort(fragmentType, fragment.sort);
        populate(fragmentType, fragment.populate);
      }
    }
  };
  filter(uid, params.filters);
  populate(uid, params.populate);
  return [...keys];
};

/**
 * Empties, in place, the relations of a write's answer (a document, or the `entries` of one:
 * publish, unpublish, clone and the rest) to the documents of types whose `read` keys the member
 * does not all hold, as a read shows them: an empty list, no document, a count of 0.
 */
export const hideUnreadable = (
  strapi: Core.Strapi,
  uid: string,
  answer: unknown,
  held: string[]
) => {
  const readable = (type: string | undefined) =>
    keysMissing(readKeysOf(strapi, type), held).length === 0;
  const nothingOf = (value: unknown) =>
    Array.isArray(value)
      ? []
      : isRecord(value) && 'count' in value && !('id' in value)
        ? { count: 0 }
        : null;
  const hide = (type: string | undefined, rows: unknown) => {
    if (type === undefined) return;
    const attributes = attributesOf(strapi, type);
    for (const row of listOf(rows)) {
      if (!isRecord(row)) continue;
      for (const [name, attribute] of Object.entries(attributes)) {
        const value = row[name];
        if (value === undefined || value === null) continue;
        if (attribute.type === 'component') {
          hide(attribute.component, value);
        } else if (attribute.type === 'media') {
          hide(FILE_UID, value);
        } else if (attribute.type === 'dynamiczone') {
          for (const item of listOf(value)) hide(typeNamed(item, '__component'), item);
        } else if (attribute.target) {
          if (readable(attribute.target)) hide(attribute.target, value);
          else row[name] = nothingOf(value);
        } else if (attribute.type === 'relation') {
          // polymorphic: each item names its type
          const kept = listOf(value).filter((item) => readable(typeNamed(item, '__type')));
          for (const item of kept) hide(typeNamed(item, '__type'), item);
          row[name] = Array.isArray(value) ? kept : (kept[0] ?? null);
        }
      }
    }
  };
  hide(uid, isRecord(answer) && Array.isArray(answer.entries) ? answer.entries : answer);
};
