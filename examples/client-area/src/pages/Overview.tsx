import { AccountChoices } from '../components/AccountChoices';
import { OwnershipOffers } from '../components/OwnershipOffers';
import { accountLabel, permissionLabel, TYPE_LABELS } from '../labels';
import { useMe } from '../session';

/** With no account to act for: why, when the server refused it, and the accounts to switch to. */
const NoAccount = () => {
  const me = useMe();
  return (
    <section>
      {me.lost ? (
        <>
          <h1>No access to {accountLabel(me.lost.account)}</h1>
          <p className="error" role="alert">
            {me.lost.message}
          </p>
          <p>
            You were removed from this account, or your access or the account was suspended. Switch
            to another of your accounts:
          </p>
        </>
      ) : (
        <>
          <h1>Welcome, {me.user.username}</h1>
          <p>You do not act for any account at the moment.</p>
        </>
      )}
      <AccountChoices />
      <OwnershipOffers />
    </section>
  );
};

export const Overview = () => {
  const me = useMe();
  if (!me.account) return <NoAccount />;
  return (
    <section>
      <h1>{me.account.name}</h1>
      <p className="muted">Account No. {me.account.number}</p>
      <p>
        You act for {accountLabel(me.account)} as <strong>{TYPE_LABELS[me.account.type]}</strong>.
      </p>
      <OwnershipOffers />
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
