import type { Pagination } from '../../../shared/contracts';

export type PageQuery = { page: number; pageSize: number };

export const pageWindow = ({ page, pageSize }: PageQuery) => ({
  offset: (page - 1) * pageSize,
  limit: pageSize,
});

export const paginationMeta = ({ page, pageSize }: PageQuery, total: number): Pagination => ({
  page,
  pageSize,
  pageCount: Math.ceil(total / pageSize),
  total,
});
