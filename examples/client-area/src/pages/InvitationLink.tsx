import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { MyAccount } from 'strapi-plugin-multi-account/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { accountLabel, permissionLabel } from '../labels';
import { client, useAction, useLoad, useSession } from '../session';

/** What the invitations open for my email offer; the link's own is one of them. */
const OpenInvitations = () => {
  const open = useLoad(() => client.invitations.mine({ pageSize: 10 }), []);
  const invitations = open.data?.data ?? [];
  if (invitations.length !== 1) return null;
  const [invitation] = invitations;
  return (
    <p>
      <strong>{accountLabel(invitation.account)}</strong> invites you
      {invitation.invitedBy ? ` (sent by ${invitation.invitedBy.username})` : ''}, with{' '}
      {invitation.permissions.map(permissionLabel).join(', ') || 'no permissions'}.
    </p>
  );
};

/**
 * The page the emailed link opens (`invitationUrl?token=…`): the invitee signs in or signs up
 * first, then accepts or rejects as themselves; the server refuses a link sent to someone else.
 */
export const InvitationLink = () => {
  const [params] = useSearchParams();
  const location = useLocation();
  const { session, choose, signOut } = useSession();
  const { run, busy, error } = useAction();
  const [answered, setAnswered] = useState<{ accepted: MyAccount } | { rejected: true } | null>(
    null
  );
  const token = params.get('token') ?? '';
  const here = encodeURIComponent(location.pathname + location.search);

  if (!token)
    return (
      <main className="card narrow">
        <h1>Invitation</h1>
        <p role="alert">This link has no invitation in it. Open the link from the email again.</p>
      </main>
    );
  if (session.status === 'loading') return null;
  if (session.status === 'signed-out')
    return (
      <main className="card narrow">
        <h1>You are invited</h1>
        <p>
          Sign in with the email address the invitation was sent to, or create an account with it.
        </p>
        <div className="actions">
          <Link className="button primary" to={`/sign-in?next=${here}`}>
            Sign in
          </Link>
          <Link className="button" to={`/sign-up?next=${here}`}>
            Create an account
          </Link>
        </div>
      </main>
    );

  const accept = async () => {
    const account = await run(async () => {
      const joined = await client.invitations.acceptByToken(token);
      await choose(joined.documentId);
      return joined;
    });
    if (account) setAnswered({ accepted: account });
  };
  const reject = async () => {
    if (await run(() => client.invitations.rejectByToken(token))) setAnswered({ rejected: true });
  };

  return (
    <main className="card narrow">
      <h1>You are invited</h1>
      {answered === null && (
        <>
          <OpenInvitations />
          <p>
            Signed in as <strong>{session.user.email}</strong>. Accept to act for the inviting
            account with the permissions it gives you, or reject the invitation.
          </p>
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void accept()}>
              Accept invitation
            </button>
            <button type="button" disabled={busy} onClick={() => void reject()}>
              Reject
            </button>
            <button type="button" className="link" onClick={() => void signOut()}>
              Not {session.user.email}? Sign out
            </button>
          </div>
        </>
      )}
      {answered && 'accepted' in answered && (
        <p role="status">
          You now act for {accountLabel(answered.accepted)}. <Link to="/">Go to the account</Link>
        </p>
      )}
      {answered && 'rejected' in answered && (
        <p role="status">
          Invitation rejected. <Link to="/">Go to the client area</Link>
        </p>
      )}
    </main>
  );
};
