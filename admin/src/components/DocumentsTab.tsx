import { NavLink } from 'react-router-dom';
import { Link, Typography } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import { ACCOUNT_ATTRIBUTE, type ScopedDocumentCount } from '../../../shared/contracts';
import { useT } from '../hooks/useT';

/** The Content Manager's list of a scoped type, filtered to one account. */
export const documentsOfAccount = (uid: string, accountId: number) =>
  `/content-manager/collection-types/${uid}?filters[$and][0][${ACCOUNT_ATTRIBUTE}][$eq]=${accountId}`;

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
                <Link tag={NavLink} to={documentsOfAccount(type.uid, accountId)}>
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
