import { useQueryParams } from '@strapi/strapi/admin';

type ListQuery = Record<string, string | undefined>;

const positive = (value: unknown, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
};

/** The admin's search box writes `_q` URI-encoded into the URL, as the Content Manager does. */
const decoded = (value: unknown) => {
  if (typeof value !== 'string') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * A list's state in the URL, so that links and the back button keep it: the page and page size
 * (which the admin's `Pagination` writes), the search (`SearchInput`, `_q`) and named filters.
 */
export const useListQuery = (defaultPageSize = 25) => {
  const [{ query }, setQuery] = useQueryParams<ListQuery>();
  const filter = (name: string) => {
    const value = query[name];
    return typeof value === 'string' && value ? value : undefined;
  };
  return {
    q: decoded(query._q),
    page: positive(query.page, 1),
    pageSize: positive(query.pageSize, defaultPageSize),
    filter,
    /** Sets (or, with undefined, removes) a filter, back on the first page. */
    setFilter: (name: string, value: string | undefined) =>
      setQuery({ [name]: value, page: undefined }),
    /** Shows another list (a tab), on its first page and with no search. */
    showList: (name: string, value: string) =>
      setQuery({ [name]: value, page: undefined, _q: undefined }),
  };
};
