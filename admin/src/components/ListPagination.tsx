import {
  Dots,
  Flex,
  NextLink,
  PageLink,
  Pagination as PageLinks,
  PreviousLink,
} from '@strapi/design-system';
import { Pagination as AdminPagination } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
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

/** The first and last pages, the active one and its neighbours; `null` for a gap of several. */
export const pageItems = (active: number, count: number): (number | null)[] => {
  const shown = [...new Set([1, active - 1, active, active + 1, count])]
    .filter((page) => page >= 1 && page <= count)
    .sort((a, b) => a - b);
  return shown.flatMap((page, i) => {
    const gap = i === 0 ? 0 : page - shown[i - 1] - 1;
    if (gap === 0) return [page];
    return gap === 1 ? [page - 1, page] : [null, page];
  });
};

/**
 * The same page links as the admin's, for a list inside another page's view (the access list
 * beside a user in the Content Manager): that view's URL is not the list's, so the page is the
 * list's own state. Strapi's `Pagination` reads and writes `page` in the URL only.
 */
export const LocalPagination = ({
  pagination,
  onPageChange,
}: {
  pagination: Pagination | undefined;
  onPageChange: (page: number) => void;
}) => {
  const { formatMessage } = useIntl();
  if (!pagination || pagination.pageCount <= 1) return null;
  const { page, pageCount } = pagination;
  const go = (to: number) => ({
    tag: 'button' as const,
    type: 'button' as const,
    onClick: () => onPageChange(to),
  });
  return (
    <Flex paddingTop={2} justifyContent="center">
      <PageLinks activePage={page} pageCount={pageCount}>
        <PreviousLink {...go(page - 1)}>
          {formatMessage({
            id: 'components.pagination.go-to-previous',
            defaultMessage: 'Go to previous page',
          })}
        </PreviousLink>
        {pageItems(page, pageCount).map((item, i) =>
          item === null ? (
            <Dots key={`gap-${i}`} />
          ) : (
            <PageLink key={item} number={item} {...go(item)}>
              {formatMessage(
                { id: 'components.pagination.go-to', defaultMessage: 'Go to page {page}' },
                { page: item }
              )}
            </PageLink>
          )
        )}
        <NextLink {...go(page + 1)}>
          {formatMessage({
            id: 'components.pagination.go-to-next',
            defaultMessage: 'Go to next page',
          })}
        </NextLink>
      </PageLinks>
    </Flex>
  );
};
