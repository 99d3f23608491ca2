import type { Core, UID } from '@strapi/strapi';

/**
 * Strapi's query engine and Document Service for a type the plugin knows only at run time (a
 * host's scoped type, a relation's target). Their generated types need a literal uid; here the
 * rows are what they are at run time, records whose fields the caller checks before use.
 */
export type AnyRow = Record<string, unknown>;
type Params = Record<string, unknown>;

export type RuntimeQuery = {
  findOne(params: Params): Promise<AnyRow | null>;
  findMany(params: Params): Promise<AnyRow[]>;
  count(params?: Params): Promise<number>;
  create(params: Params): Promise<AnyRow>;
  update(params: Params): Promise<AnyRow | null>;
  updateMany(params: Params): Promise<{ count: number }>;
  delete(params: Params): Promise<AnyRow | null>;
};

export type RuntimeDocuments = {
  count(params: Params): Promise<number>;
  delete(params: { documentId: string; locale?: string }): Promise<unknown>;
};

export const queryOf = (strapi: Core.Strapi, uid: string): RuntimeQuery =>
  strapi.db.query(uid as UID.Schema);

export const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as UID.Schema);

export const documentsOf = (strapi: Core.Strapi, uid: string): RuntimeDocuments =>
  strapi.documents(uid as UID.ContentType);

/** A row's integer id (or foreign key) as the three drivers answer it, or undefined. */
export const integerOf = (value: unknown): number | undefined => {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
};
