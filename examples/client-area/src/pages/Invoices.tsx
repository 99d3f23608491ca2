import { useState } from 'react';
import { MultiAccountError, type Pagination } from 'strapi-plugin-multi-account/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { apiUrl, authHeaders, useLoad, useMe } from '../session';

type Invoice = { documentId: string; title: string; amount: number | null; dueDate: string | null };

/**
 * The host app's own route `GET /api/invoices`: invoices are an account-scoped type, so Strapi
 * answers only the account this tab acts for, and only to a member holding `billing`.
 */
const fetchInvoices = async (page: number) => {
  const response = await fetch(apiUrl(`/api/invoices?page=${page}&pageSize=10`), {
    headers: authHeaders(),
    credentials: 'same-origin',
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new MultiAccountError(
      error.status ?? response.status,
      error.name ?? 'HttpError',
      error.message ?? response.statusText,
      error.details ?? {}
    );
  }
  return body as { data: Invoice[]; meta: { pagination: Pagination } };
};

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const Invoices = () => {
  const me = useMe();
  const [page, setPage] = useState(1);
  const list = useLoad(() => fetchInvoices(page), [page, me.account?.documentId]);
  if (!me.permissions.includes('billing'))
    return <p role="alert">Invoices need the Billing permission on this account.</p>;
  return (
    <section>
      <h1>Invoices</h1>
      <ErrorMessage error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Due</th>
            <th className="number">Amount</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.data.map((invoice) => (
            <tr key={invoice.documentId}>
              <td>{invoice.title}</td>
              <td>{invoice.dueDate ?? '—'}</td>
              <td className="number">
                {invoice.amount === null ? '—' : money.format(Number(invoice.amount))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.data.length === 0 && <p className="muted">No invoices.</p>}
      <Pager pagination={list.data?.meta.pagination} onPage={setPage} />
    </section>
  );
};
