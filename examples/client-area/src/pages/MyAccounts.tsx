import { useState } from 'react';
import type { MyListedAccount } from 'strapi-plugin-multi-account/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Notice } from '../components/Notice';
import { Pager } from '../components/Pager';
import { TYPE_LABELS } from '../labels';
import { client, useAction, useLoad, useMe, useSession } from '../session';

const AccountRow = ({
  account,
  onLeft,
}: {
  account: MyListedAccount;
  onLeft: (n: string) => void;
}) => {
  const me = useMe();
  const { choose, reload } = useSession();
  const { run, busy, error } = useAction();
  const [confirming, setConfirming] = useState(false);
  const current = me.account?.documentId === account.documentId;
  const leave = async () => {
    if ((await run(() => client.leave(account.documentId).then(() => true))) !== true) return;
    await reload();
    onLeft(`You left ${account.name}`);
  };
  return (
    <tr aria-label={account.name}>
      <td>{account.name}</td>
      <td>{account.number}</td>
      <td>{TYPE_LABELS[account.type]}</td>
      <td>
        <div className="row-actions">
          {account.status === 'suspended' ? (
            <span className="muted">Suspended by the administrator</span>
          ) : current ? (
            <span className="muted">Acting for it</span>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => choose(account.documentId))}
            >
              Switch
            </button>
          )}
          {confirming ? (
            <>
              <span>Leave {account.name}?</span>
              <button type="button" className="danger" disabled={busy} onClick={() => void leave()}>
                Yes, leave
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Stay
              </button>
            </>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Leave
            </button>
          )}
          <ErrorMessage error={error} />
        </div>
      </td>
    </tr>
  );
};

/** Every account I act for, paged, with switching and leaving. */
export const MyAccounts = () => {
  const me = useMe();
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(() => client.myAccounts({ page, pageSize: 10 }), [page, me.account]);
  return (
    <section>
      <h1>My accounts</h1>
      <Notice notice={notice} />
      <ErrorMessage error={list.error} />
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Number</th>
            <th>Role</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.data.map((account) => (
            <AccountRow
              key={account.documentId}
              account={account}
              onLeft={(message) => {
                setNotice(message);
                list.reload();
              }}
            />
          ))}
        </tbody>
      </table>
      <Pager pagination={list.data?.meta.pagination} onPage={setPage} />
    </section>
  );
};
