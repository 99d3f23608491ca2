import { useState } from 'react';
import { Box, EmptyStateLayout, Flex, Grid, Loader, Typography } from '@strapi/design-system';
import { SearchInput, useRBAC } from '@strapi/strapi/admin';
import type { MemberUser, Paginated } from '../../../shared/contracts';
import { AccessList } from '../components/AccessList';
import { ListPagination } from '../components/ListPagination';
import { useListQuery } from '../hooks/useListQuery';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { PERMISSIONS } from '../permissions';

/** The Users tab: find a user, see and trim the accounts they reach as guest or contact. */
export const UsersPage = () => {
  const t = useT();
  const { allowedActions } = useRBAC(PERMISSIONS.manage);
  const { q, page, pageSize } = useListQuery(10);
  const [selected, setSelected] = useState<MemberUser | null>(null);
  const { data, loading } = useLoad<Paginated<MemberUser>>('/users', { q, page, pageSize });
  const users = data?.data ?? [];

  return (
    <Grid.Root gap={6}>
      <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
        <Flex direction="column" alignItems="stretch" gap={3}>
          <SearchInput label={t('users.search')} placeholder={t('users.search')} />
          {loading && !data ? (
            <Loader small>{t('state.loading')}</Loader>
          ) : users.length === 0 ? (
            <EmptyStateLayout content={t('users.noMatch')} />
          ) : (
            users.map((user) => (
              <Box
                key={user.documentId}
                tag="button"
                type="button"
                onClick={() => setSelected(user)}
                padding={3}
                hasRadius
                textAlign="left"
                background={selected?.documentId === user.documentId ? 'primary100' : 'neutral0'}
                borderColor={selected?.documentId === user.documentId ? 'primary600' : 'neutral200'}
                aria-pressed={selected?.documentId === user.documentId}
              >
                <Typography fontWeight="bold" display="block">
                  {user.username}
                </Typography>
                <Typography
                  variant="pi"
                  textColor="neutral600"
                >{`${user.email} · ${t('column.userId')} ${user.id}`}</Typography>
              </Box>
            ))
          )}
          <ListPagination pagination={data?.meta.pagination} defaultPageSize={10} />
        </Flex>
      </Grid.Item>
      <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
        {selected ? (
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography variant="delta" tag="h2">
              {t('access.of', { user: selected.username })}
            </Typography>
            <AccessList
              key={selected.documentId}
              user={selected}
              canManage={allowedActions.canManage === true}
            />
          </Flex>
        ) : (
          <Typography textColor="neutral600">{t('users.pick')}</Typography>
        )}
      </Grid.Item>
    </Grid.Root>
  );
};
