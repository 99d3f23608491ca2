import type { Core, UID } from '@strapi/strapi';
import { isRecord } from '../utils';
import { isScoped, keysNeeded } from './options';

/** What a schema's attribute names of the types it holds. */
type Attribute = { type: string; target?: string; component?: string };

const listOf = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : [value].flat();

/** A dynamic zone's entries and a polymorphic relation's items name their own type. */
const typeNamed = (item: unknown, key: '__component' | '__type') =>
  isRecord(item) && typeof item[key] === 'string' ? item[key] : undefined;

/**
 * The `read` keys of related types as one member holds them: what a Document Service write may
 * link for them, and what its answer may populate. (What the write copies, Strapi's own work, is
 * held at the database layer.)
 */
export const createRelatedKeys = (strapi: Core.Strapi, held: string[]) => {
  const modelOf = (uid: string) => strapi.getModel(uid as UID.Schema);
  // a content type's or a component's, known only at run time
  const attributesOf = (uid: string) =>
    (modelOf(uid)?.attributes ?? {}) as Record<string, Attribute>;

  /** The `read` keys of `uid` that the member does not hold (none for a type that is not scoped). */
  const missingOf = (uid: string) => {
    const model = modelOf(uid);
    return isScoped(model) ? keysNeeded(model, 'read').filter((key) => !held.includes(key)) : [];
  };
  const readable = (uid: string | undefined) => !uid || missingOf(uid).length === 0;

  /** The relation targets that `data` writes, in its components and dynamic zones too. */
  const linkedTypes = (uid: string, data: unknown, found = new Set<string>()) => {
    if (!isRecord(data)) return found;
    const attributes = attributesOf(uid);
    for (const [name, value] of Object.entries(data)) {
      const attribute = attributes[name];
      if (!attribute || value === undefined) continue;
      if (attribute.type === 'relation' && attribute.target) found.add(attribute.target);
      if (attribute.type === 'component' && attribute.component) {
        for (const item of listOf(value)) linkedTypes(attribute.component, item, found);
      }
      if (attribute.type === 'dynamiczone') {
        for (const item of listOf(value)) {
          const component = typeNamed(item, '__component');
          if (component) linkedTypes(component, item, found);
        }
      }
    }
    return found;
  };

  /** What a relation shows of documents the member may not read: nothing, as a read shows. */
  const nothingOf = (value: unknown) =>
    Array.isArray(value)
      ? []
      : isRecord(value) && 'count' in value && !('id' in value)
        ? { count: 0 }
        : null;

  /** Empties, in place, the relations of `rows` (of type `uid`) to types the member may not read. */
  const hide = (uid: string | undefined, rows: unknown) => {
    if (!uid) return;
    const attributes = attributesOf(uid);
    for (const row of listOf(rows)) {
      if (!isRecord(row)) continue;
      for (const [name, attribute] of Object.entries(attributes)) {
        const value = row[name];
        if (value === undefined || value === null) continue;
        if (attribute.type === 'component' && attribute.component) {
          hide(attribute.component, value);
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

  return {
    /** The `read` keys missing to link or unlink what a write's `data` names on type `uid`. */
    missingToLink(uid: string, data: unknown): string[] {
      return [...new Set([...linkedTypes(uid, data)].flatMap(missingOf))];
    },
    /**
     * Hides, in place, the related documents that a write's answer populates and the member may
     * not read: a document, or the `entries` of one (publish, unpublish, clone and the rest).
     */
    hideUnreadable(uid: string, answer: unknown) {
      hide(uid, isRecord(answer) && Array.isArray(answer.entries) ? answer.entries : answer);
    },
  };
};
