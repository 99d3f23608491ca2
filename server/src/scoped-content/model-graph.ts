import type { Core, Struct } from '@strapi/strapi';
import { ACCOUNT_ATTRIBUTE, isScoped, readKeysThroughRelations } from './options';

/** A model's attribute as Strapi's database layer sees it: components and media are relations. */
type JoinColumn = { name: string; referencedColumn: string };
export type DbAttribute = {
  type: string;
  columnName?: string;
  relation?: string;
  target?: string;
  morphBy?: string;
  components?: string[];
  joinColumn?: JoinColumn;
  joinTable?: {
    name: string;
    joinColumn: JoinColumn;
    inverseJoinColumn?: JoinColumn;
    on?: Record<string, unknown>;
    /** a morph relation's: the related row's id and type */
    morphColumn?: { idColumn: JoinColumn; typeColumn: { name: string } };
  };
};
/** A morph relation by which documents of scoped types use a row (a file's `related`). */
export type UsedBy = { joinTable: NonNullable<DbAttribute['joinTable']>; scopedTargets: string[] };
type DbModel = { uid: string; tableName: string; attributes: Record<string, DbAttribute> };

const RELATIONS = [
  'oneToOne',
  'oneToMany',
  'manyToOne',
  'manyToMany',
  'morphOne',
  'morphMany',
  'morphToOne',
  'morphToMany',
];
const TO_ONE = ['oneToOne', 'manyToOne', 'morphOne', 'morphToOne'];
const POLYMORPHIC = ['morphToOne', 'morphToMany'];

export const isToOne = (attribute: DbAttribute) => TO_ONE.includes(attribute.relation ?? '');
export const isPolymorphic = (attribute: DbAttribute) =>
  POLYMORPHIC.includes(attribute.relation ?? '');

/**
 * Which models reach a scoped type through relations (direct, inverse, components, dynamic zones,
 * media and morph relations, at any depth), computed once at boot from the database metadata:
 * only their queries are looked at; every other model pays nothing.
 */
export const createModelGraph = (strapi: Core.Strapi) => {
  const metadata = strapi.db.metadata as unknown as Map<string, DbModel>;
  const models = [...metadata.values()];
  const schemas = new Map<string, Struct.Schema>(
    [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)].map((schema) => [
      schema.uid,
      schema,
    ])
  );
  const contentTypes = new Map<string, Struct.ContentTypeSchema>(
    Object.values(strapi.contentTypes).map((contentType) => [contentType.uid, contentType])
  );
  const scoped = new Set(
    models.filter((model) => isScoped(contentTypes.get(model.uid))).map((m) => m.uid)
  );
  const withDrafts = new Set(
    [...scoped].filter((uid) => contentTypes.get(uid)?.options?.draftAndPublish)
  );

  /** The types a polymorphic relation may hold: a dynamic zone's components, or the models whose
   * morph relations point at it (a file's `related`). */
  const morphTargets = new Map<string, string[]>();
  for (const model of models) {
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (attribute.type !== 'relation') continue;
      if (!RELATIONS.includes(attribute.relation ?? '')) {
        throw new Error(
          `multi-account: ${model.uid}.${name} is a ${attribute.relation} relation, which account scoping cannot hold; this version of Strapi is not supported`
        );
      }
      if (!isPolymorphic(attribute)) continue;
      const zone = schemas.get(model.uid)?.attributes[name];
      const targets =
        zone?.type === 'dynamiczone'
          ? (zone.components ?? [])
          : models
              .filter((other) =>
                Object.values(other.attributes).some(
                  (a) => a.target === model.uid && a.morphBy === name
                )
              )
              .map((other) => other.uid);
      morphTargets.set(`${model.uid}.${name}`, targets);
    }
  }

  const targetsOf = (uid: string, name: string, attribute: DbAttribute) =>
    isPolymorphic(attribute)
      ? (morphTargets.get(`${uid}.${name}`) ?? [])
      : attribute.target
        ? [attribute.target]
        : [];

  const usedBy = new Map<string, UsedBy[]>();
  for (const model of models) {
    const relations = Object.entries(model.attributes).flatMap(([name, attribute]) => {
      const scopedTargets = targetsOf(model.uid, name, attribute).filter((t) => scoped.has(t));
      const { joinTable } = attribute;
      return isPolymorphic(attribute) && joinTable?.morphColumn && scopedTargets.length
        ? [{ joinTable, scopedTargets }]
        : [];
    });
    if (relations.length) usedBy.set(model.uid, relations);
  }

  const reaching = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const model of models) {
      if (reaching.has(model.uid)) continue;
      const reaches = Object.entries(model.attributes).some(
        ([name, attribute]) =>
          attribute.type === 'relation' &&
          targetsOf(model.uid, name, attribute).some((t) => scoped.has(t) || reaching.has(t))
      );
      if (reaches) {
        reaching.add(model.uid);
        grew = true;
      }
    }
  }

  const filed = new Set(
    models
      .filter((model) => !scoped.has(model.uid) && ACCOUNT_ATTRIBUTE in model.attributes)
      .map((model) => model.uid)
  );

  return {
    /** Models whose queries scoping looks at: the scoped ones, those that reach them, files. */
    watched: [...new Set([...scoped, ...reaching, ...filed])],
    isScoped: (uid: string | undefined) => uid !== undefined && scoped.has(uid),
    /** A scoped type with drafts, whose drafts only its own routes may show. */
    hasDrafts: (uid: string) => withDrafts.has(uid),
    /** True when reading or writing this model may touch a scoped type's documents. */
    matters: (uid: string | undefined) =>
      uid !== undefined && (scoped.has(uid) || reaching.has(uid)),
    /** The keys a member needs to see this type's documents through a relation. */
    readKeysThroughRelations: (uid: string) => readKeysThroughRelations(contentTypes.get(uid)),
    /** A model whose rows are an account's where filed under one, and shared where not: files. */
    sharedUnlessFiled: (uid: string) => filed.has(uid),
    /** The morph relations by which documents of scoped types use rows of `uid` (a file's). */
    usedBy: (uid: string) => usedBy.get(uid) ?? [],
    attributes: (uid: string) => metadata.get(uid)?.attributes ?? {},
    tableName: (uid: string) => metadata.get(uid)!.tableName,
    targetsOf,
  };
};

export type ModelGraph = ReturnType<typeof createModelGraph>;
