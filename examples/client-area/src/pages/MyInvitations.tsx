import { useState } from 'react';
import type { Invitation } from 'strapi-plugin-multi-account/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Notice } from '../components/Notice';
import { OwnershipOffers } from '../components/OwnershipOffers';
import { Pager } from '../components/Pager';
import { accountLabel, permissionLabel } from '../labels';
import { client, useAction, useLoad, useSession } from '../session';

const InvitationItem = ({
  invitation,
  onAnswered,
}: {
  invitation: Invitation;
  onAnswered: (n: string) => void;
}) => {
  const { reload } = useSession();
  const { run, busy, error } = useAction();
  const answer = async (accept: boolean) => {
    const done = await run<unknown>(() =>
      accept
        ? client.invitations.accept(invitation.documentId)
        : client.invitations.reject(invitation.documentId)
    );
    if (!done) return;
    if (accept) await reload();
    onAnswered(
      accept
        ? `You can now act for ${invitation.account.name}`
        : `Invitation from ${invitation.account.name} rejected`
    );
  };
  return (
    <li className="panel" aria-label={invitation.account.name}>
      <strong>{accountLabel(invitation.account)}</strong>
      <p>
        {invitation.invitedBy ? `${invitation.invitedBy.username} invites you` : 'You are invited'}{' '}
        with {invitation.permissions.map(permissionLabel).join(', ') || 'no permissions'}, until{' '}
        {new Date(invitation.expiresAt).toLocaleString()}.
      </p>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void answer(true)}>
          Accept
        </button>
        <button type="button" disabled={busy} onClick={() => void answer(false)}>
          Reject
        </button>
      </div>
    </li>
  );
};

/** Open invitations addressed to my email, and offers of ownership to me, to answer. */
export const MyInvitations = () => {
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(() => client.invitations.mine({ page, pageSize: 10 }), [page]);
  return (
    <section>
      <h1>My invitations</h1>
      <Notice notice={notice} />
      <ErrorMessage error={list.error} />
      <ul className="plain">
        {list.data?.data.map((invitation) => (
          <InvitationItem
            key={invitation.documentId}
            invitation={invitation}
            onAnswered={(message) => {
              setNotice(message);
              list.reload();
            }}
          />
        ))}
      </ul>
      {list.data?.data.length === 0 && <p className="muted">No open invitations.</p>}
      <Pager pagination={list.data?.meta.pagination} onPage={setPage} />
      <OwnershipOffers />
    </section>
  );
};
