import { Flex, IconButton, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import type { Pagination } from '../../../shared/contracts';
import { useT } from '../hooks/useT';

type Props = {
  pagination: Pagination | undefined;
  onPageChange: (page: number) => void;
};

/**
 * Previous / next page and "page x of y (n entries)", for a list inside another page's view
 * (the access list in the Content Manager), whose URL is not the list's to keep.
 */
export const Pager = ({ pagination, onPageChange }: Props) => {
  const t = useT();
  if (!pagination || pagination.pageCount <= 1) return null;
  const { page, pageCount, total } = pagination;
  return (
    <Flex justifyContent="flex-end" paddingTop={4} gap={2}>
      <IconButton
        label={t('pager.previous')}
        disabled={page <= 1}
        onClick={() => onPageChange(page - 1)}
      >
        <ChevronLeft />
      </IconButton>
      <Typography variant="pi" textColor="neutral600">
        {t('pager.status', { page, pageCount, total })}
      </Typography>
      <IconButton
        label={t('pager.next')}
        disabled={page >= pageCount}
        onClick={() => onPageChange(page + 1)}
      >
        <ChevronRight />
      </IconButton>
    </Flex>
  );
};
