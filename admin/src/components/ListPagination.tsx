import { Flex } from '@strapi/design-system';
import { Pagination as AdminPagination } from '@strapi/strapi/admin';
import type { Pagination } from '../../../shared/contracts';

export const PAGE_SIZES = ['10', '25', '50', '100'];

/** The admin's own page size and page links, which keep both in the URL. */
export const ListPagination = ({
  pagination,
  defaultPageSize = 25,
}: {
  pagination: Pagination | undefined;
  defaultPageSize?: number;
}) => {
  if (!pagination || pagination.total === 0) return null;
  return (
    <Flex paddingTop={4}>
      <AdminPagination.Root
        pageCount={pagination.pageCount}
        total={pagination.total}
        defaultPageSize={defaultPageSize}
      >
        <AdminPagination.PageSize options={PAGE_SIZES} />
        <AdminPagination.Links />
      </AdminPagination.Root>
    </Flex>
  );
};
