import type { ReactNode } from 'react';
import { Th, VisuallyHidden } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';

/** A column; a `hidden` one (an actions column) has a header only screen readers read. */
export type Column = { name: string; label: string; hidden?: boolean };

type Props<Row> = {
  headers: Column[];
  rows: Row[];
  isLoading: boolean;
  /** What an empty list says. */
  empty: string;
  /** The rows, as `Table.Row`s. */
  children: ReactNode;
};

/** One of the plugin's lists in the admin's own Table: its headers, loading and empty states. */
export const ListTable = <Row extends { id: string | number }>({
  headers,
  rows,
  isLoading,
  empty,
  children,
}: Props<Row>) => {
  const t = useT();
  return (
    <Table.Root headers={headers} rows={rows} isLoading={isLoading}>
      <Table.Content>
        <Table.Head>
          {headers.map((header) =>
            header.hidden ? (
              <Th key={header.name}>
                <VisuallyHidden>{header.label}</VisuallyHidden>
              </Th>
            ) : (
              <Table.HeaderCell key={header.name} name={header.name} label={header.label} />
            )
          )}
        </Table.Head>
        <Table.Loading>{t('state.loading')}</Table.Loading>
        <Table.Empty content={empty} />
        <Table.Body>{children}</Table.Body>
      </Table.Content>
    </Table.Root>
  );
};
