import { useState } from 'react';
import { TYPE_LABELS } from '../labels';
import { client, useAction, useLoad, useSession } from '../session';
import { ErrorMessage } from './ErrorMessage';
import { Pager } from './Pager';

/**
 * The accounts I am a member of (`GET /me/accounts`), each a button that switches this tab (and
 * the session) to it, but those an admin suspended; `onChosen` runs once the switch is done.
 */
export const AccountChoices = ({ onChosen }: { onChosen?: () => void }) => {
  const { choose } = useSession();
  const [page, setPage] = useState(1);
  const accounts = useLoad(() => client.myAccounts({ page, pageSize: 10 }), [page]);
  const { run, busy, error } = useAction();

  const pick = async (documentId: string) => {
    if ((await run(() => choose(documentId).then(() => true))) === true) onChosen?.();
  };

  return (
    <>
      <ErrorMessage error={error ?? accounts.error} />
      <ul className="chooser">
        {accounts.data?.data.map((account) => (
          <li key={account.documentId}>
            <button
              type="button"
              disabled={busy || account.status === 'suspended'}
              onClick={() => void pick(account.documentId)}
            >
              <strong>{account.name}</strong>
              <span>Account No. {account.number}</span>
              <span className="badge">
                {account.status === 'suspended' ? 'Suspended' : TYPE_LABELS[account.type]}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {accounts.data?.data.length === 0 && (
        <p className="muted">
          You have no account to act for. Invitations to you are under My invitations.
        </p>
      )}
      <Pager pagination={accounts.data?.meta.pagination} onPage={setPage} />
    </>
  );
};
