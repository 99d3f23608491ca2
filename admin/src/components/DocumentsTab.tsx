import { NavLink } from 'react-router-dom';
import { Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
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
  return (
    <Table colCount={3} rowCount={documents.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('documents.type')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('documents.count')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('documents.open')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {documents.map((type) => (
          <Tr key={type.uid}>
            <Td>
              <Typography fontWeight="semiBold">{type.displayName}</Typography>
            </Td>
            <Td>
              <Typography>{type.count}</Typography>
            </Td>
            <Td>
              <Link tag={NavLink} to={documentsOfAccount(type.uid, accountId)}>
                {t('documents.openLink', { type: type.displayName })}
              </Link>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
