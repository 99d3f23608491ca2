import { useState, type ComponentType } from 'react';
import { Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { SearchInput, Table, useStrapiApp } from '@strapi/strapi/admin';
import type { FiledFile, Paginated } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useListQuery } from '../hooks/useListQuery';
import { useLoad } from '../hooks/useLoad';
import { useFormatDate, useT } from '../hooks/useT';
import { ListPagination } from './ListPagination';
import { ListTable } from './ListTable';

/** The upload plugin's Media Library dialog, as it registers it for other plugins to open. */
type MediaLibraryDialog = ComponentType<{
  onClose: () => void;
  onSelectAssets: (assets: { id: number }[]) => void;
}>;

/** Strapi stores a file's size in kilobytes. */
const sizeOf = (kilobytes: number) =>
  kilobytes >= 1024
    ? `${(kilobytes / 1024).toFixed(1)} MB`
    : kilobytes >= 1
      ? `${kilobytes.toFixed(1)} KB`
      : `${Math.round(kilobytes * 1024)} B`;

/**
 * The files filed under an account, which its members alone reach and change: admins add them
 * from the Media Library (from under no account, or from another) and take them out, shared by
 * every account again.
 */
export const FilesTab = ({ accountId, canManage }: { accountId: string; canManage: boolean }) => {
  const t = useT();
  const formatDate = useFormatDate(true);
  const { q, page, pageSize } = useListQuery(10);
  const path = `/accounts/${accountId}/files`;
  const { data, loading } = useLoad<Paginated<FiledFile>>(path, { q, page, pageSize });
  const { send, busy } = useAction();
  const [picking, setPicking] = useState(false);
  const components = useStrapiApp('FilesTab', (state) => state.components);
  const MediaLibrary = components['media-library'] as MediaLibraryDialog | undefined;

  const add = async (assets: { id: number }[]) => {
    setPicking(false);
    if (!assets.length) return;
    await send('post', path, { files: assets.map((asset) => asset.id) }, t('files.added'));
  };

  const files = data?.data ?? [];
  const headers = [
    { name: 'name', label: t('files.name') },
    { name: 'mime', label: t('files.type') },
    { name: 'size', label: t('files.size') },
    { name: 'createdAt', label: t('files.uploaded') },
    ...(canManage ? [{ name: 'actions', label: t('column.actions') }] : []),
  ];

  return (
    <Box>
      <Typography textColor="neutral600">{t('files.explained')}</Typography>
      <Flex justifyContent="space-between" paddingTop={4} paddingBottom={4} gap={4}>
        <SearchInput label={t('files.search')} placeholder={t('files.search')} />
        {canManage && MediaLibrary && (
          <Button variant="secondary" startIcon={<Plus />} onClick={() => setPicking(true)}>
            {t('files.add')}
          </Button>
        )}
      </Flex>
      <ListTable
        headers={headers}
        rows={files}
        isLoading={loading && !data}
        empty={q ? t('files.noMatch') : t('files.empty')}
      >
        {files.map((file) => (
          <Table.Row key={file.id}>
            <Table.Cell>
              <Link href={file.url} isExternal>
                {file.name}
              </Link>
            </Table.Cell>
            <Table.Cell>
              <Typography>{file.mime}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography>{sizeOf(file.size)}</Typography>
            </Table.Cell>
            <Table.Cell>
              <Typography>{formatDate(file.createdAt)}</Typography>
            </Table.Cell>
            {canManage && (
              <Table.Cell>
                <Button
                  variant="danger-light"
                  size="S"
                  disabled={busy}
                  onClick={() =>
                    send(
                      'del',
                      `${path}/${file.id}`,
                      undefined,
                      t('files.removed', { name: file.name })
                    )
                  }
                >
                  {t('files.remove')}
                </Button>
              </Table.Cell>
            )}
          </Table.Row>
        ))}
      </ListTable>
      <ListPagination pagination={data?.meta.pagination} defaultPageSize={10} />
      {picking && MediaLibrary && (
        <MediaLibrary onClose={() => setPicking(false)} onSelectAssets={add} />
      )}
    </Box>
  );
};
