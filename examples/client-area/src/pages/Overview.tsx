import { accountLabel, permissionLabel, TYPE_LABELS } from '../labels';
import { useMe } from '../session';

export const Overview = () => {
  const me = useMe();
  if (!me.account)
    return (
      <section>
        <h1>Welcome, {me.user.username}</h1>
        <p>You do not act for any account yet. Invitations to you are under My invitations.</p>
      </section>
    );
  return (
    <section>
      <h1>{me.account.name}</h1>
      <p className="muted">Account No. {me.account.number}</p>
      <p>
        You act for {accountLabel(me.account)} as <strong>{TYPE_LABELS[me.account.type]}</strong>.
      </p>
      <h2>What you can do here</h2>
      <ul className="tags">
        {me.permissions.map((key) => (
          <li key={key}>{permissionLabel(key)}</li>
        ))}
      </ul>
      {me.permissions.length === 0 && <p className="muted">No permissions on this account.</p>}
    </section>
  );
};
