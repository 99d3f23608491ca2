import { NavLink } from 'react-router-dom';
import { Link, Typography } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import { ACCOUNT_ATTRIBUTE, type ScopedDocumentCount } from '../../../shared/contracts';
import { useT } from '../hooks/useT';
import { PLUGIN_ID } from '../pluginId';

/**
 * The Content Manager's list of a scoped collection type, filtered to one account; for a single
 * type, its view of the account's document.
 */
export const documentsOfAccount = ({ uid, kind }: ScopedDocumentCount, accountId: number) =>
  kind === 'singleType'
    ? `/content-manager/single-types/${uid}?plugins[${PLUGIN_ID}][account]=${accountId}`
    : `/content-manager/collection-types/${uid}?filters[$and][0][${ACCOUNT_ATTRIBUTE}][$eq]=${accountId}`;

/** An account's documents of each scoped content type, each opening the filtered list. */
export const DocumentsTab = ({
  accountId,
  documents,
}: {
  accountId: number;
  documents: ScopedDocumentCount[];
}) => {
  const t = useT();
  const headers = [
    { name: 'type', label: t('documents.type') },
    { name: 'count', label: t('documents.count') },
    { name: 'open', label: t('documents.open') },
  ];
  return (
    <Table.Root headers={headers} rows={documents.map((type) => ({ ...type, id: type.uid }))}>
      <Table.Content>
        <Table.Head>
          {headers.map((header) => (
            <Table.HeaderCell key={header.name} {...header} />
          ))}
        </Table.Head>
        <Table.Body>
          {documents.map((type) => (
            <Table.Row key={type.uid}>
              <Table.Cell>
                <Typography fontWeight="semiBold">{type.displayName}</Typography>
              </Table.Cell>
              <Table.Cell>
                <Typography>{type.count}</Typography>
              </Table.Cell>
              <Table.Cell>
                <Link tag={NavLink} to={documentsOfAccount(type, accountId)}>
                  {t('documents.openLink', { type: type.displayName })}
                </Link>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Content>
    </Table.Root>
  );
};
