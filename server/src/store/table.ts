import type { z } from 'zod';
import { queryOf } from '../utils/by-uid';

type Where = Record<string, unknown>;
type OrderBy = Record<string, 'asc' | 'desc'>[];

/**
 * The plain reads and writes of one of the plugin's tables, through Strapi's query engine (which
 * runs them in the caller's transaction), every row parsed by the schema `schemaOf` answers.
 */
export const table = <S extends z.ZodTypeAny>(uid: string, schemaOf: () => S) => {
  type Row = z.infer<S>;
  const query = () => queryOf(strapi, uid);
  const parse = (row: unknown): Row => schemaOf().parse(row);
  const parseOrNull = (row: unknown): Row | null => (row ? parse(row) : null);

  return {
    parse,

    async findOne(where: Where): Promise<Row | null> {
      return parseOrNull(await query().findOne({ where }));
    },

    async findMany(
      where: Where,
      window: { orderBy?: OrderBy; offset?: number; limit?: number } = {}
    ): Promise<Row[]> {
      const rows = await query().findMany({ where, ...window });
      return rows.map(parse);
    },

    async findByIds(ids: number[]): Promise<Row[]> {
      return ids.length ? this.findMany({ id: { $in: [...new Set(ids)] } }) : [];
    },

    count(where: Where): Promise<number> {
      return query().count({ where });
    },

    async create(data: Where): Promise<Row> {
      return parse(await query().create({ data }));
    },

    async update(id: number, data: Where): Promise<Row> {
      return parse(await query().update({ where: { id }, data }));
    },

    /** A conditional update: answers how many rows still matched `where` and were changed. */
    async updateWhere(where: Where, data: Where): Promise<number> {
      const { count } = await query().updateMany({ where, data });
      return count;
    },

    async delete(id: number): Promise<void> {
      await query().delete({ where: { id } });
    },
  };
};
