import {
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import type { Pagination } from '../../../shared/contracts';
import { useT } from '../hooks/useT';

export const PAGE_SIZES = [10, 25, 50, 100];

type Props = {
  pagination: Pagination | undefined;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
};

/** Previous / next page, "page x of y (n entries)" and the page size. */
export const Pager = ({ pagination, onPageChange, onPageSizeChange }: Props) => {
  const t = useT();
  if (!pagination || pagination.total === 0) return null;
  const { page, pageCount, pageSize, total } = pagination;
  if (pageCount <= 1 && !onPageSizeChange) return null;
  return (
    <Flex justifyContent="space-between" paddingTop={4} gap={2}>
      {onPageSizeChange ? (
        <Flex gap={2}>
          <SingleSelect
            size="S"
            aria-label={t('pager.pageSize')}
            value={String(pageSize)}
            onChange={(value) => onPageSizeChange(Number(value))}
          >
            {PAGE_SIZES.map((size) => (
              <SingleSelectOption key={size} value={String(size)}>
                {size}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Typography variant="pi" textColor="neutral600">
            {t('pager.perPage')}
          </Typography>
        </Flex>
      ) : (
        <span />
      )}
      <Flex gap={2}>
        <IconButton
          label={t('pager.previous')}
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          <ChevronLeft />
        </IconButton>
        <Typography variant="pi" textColor="neutral600">
          {t('pager.status', { page, pageCount: Math.max(pageCount, 1), total })}
        </Typography>
        <IconButton
          label={t('pager.next')}
          disabled={page >= pageCount}
          onClick={() => onPageChange(page + 1)}
        >
          <ChevronRight />
        </IconButton>
      </Flex>
    </Flex>
  );
};
