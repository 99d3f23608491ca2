import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { TYPE_LABELS } from '../labels';
import { client, useAction, useLoad, useSession } from '../session';
import { nextPath } from '../next-path';

/** After signing in with several accounts: which one to act for, by name and number. */
export const ChooseAccount = () => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { choose } = useSession();
  const [page, setPage] = useState(1);
  const accounts = useLoad(() => client.myAccounts({ page, pageSize: 10 }), [page]);
  const { run, busy, error } = useAction();

  const pick = async (documentId: string) => {
    if ((await run(() => choose(documentId).then(() => true))) === true)
      navigate(nextPath(params, window.location.origin));
  };

  return (
    <main className="card narrow">
      <h1>Choose an account</h1>
      <p className="muted">You can act for these accounts. You can switch at any time.</p>
      <ErrorMessage error={error ?? accounts.error} />
      <ul className="chooser">
        {accounts.data?.data.map((account) => (
          <li key={account.documentId}>
            <button type="button" disabled={busy} onClick={() => void pick(account.documentId)}>
              <strong>{account.name}</strong>
              <span>Account No. {account.number}</span>
              <span className="badge">{TYPE_LABELS[account.type]}</span>
            </button>
          </li>
        ))}
      </ul>
      <Pager pagination={accounts.data?.meta.pagination} onPage={setPage} />
    </main>
  );
};
