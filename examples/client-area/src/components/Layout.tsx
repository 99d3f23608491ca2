import { NavLink, Outlet } from 'react-router-dom';
import { accountLabel } from '../labels';
import { client, useAction, useLoad, useMe, useSession } from '../session';
import { ErrorMessage } from './ErrorMessage';

/** The switcher lists the first hundred accounts; "My accounts" pages through all of them. */
const SWITCHER_SIZE = 100;

const AccountSwitcher = () => {
  const me = useMe();
  const { choose } = useSession();
  const accounts = useLoad(() => client.myAccounts({ pageSize: SWITCHER_SIZE }), [me.account]);
  const { run, busy, error } = useAction();
  if (!me.account) return <span className="muted">No account</span>;
  const options = accounts.data?.data ?? [me.account];
  return (
    <div className="switcher">
      <label>
        <span className="visually-hidden">Account</span>
        <select
          aria-label="Account"
          value={me.account.documentId}
          disabled={busy}
          onChange={(event) => void run(() => choose(event.target.value))}
        >
          {options.map((account) => (
            <option
              key={account.documentId}
              value={account.documentId}
              disabled={'status' in account && account.status === 'suspended'}
            >
              {accountLabel(account)}
              {'status' in account && account.status === 'suspended' ? ' (suspended)' : ''}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error ?? accounts.error} />
    </div>
  );
};

/** The signed-in pages: the top bar (account switcher, user, sign out) and the menu. */
export const Layout = () => {
  const me = useMe();
  const { signOut } = useSession();
  const holds = (key: string) => me.permissions.includes(key);
  return (
    <>
      {me.impersonatedBy && (
        <p className="impersonation" role="status">
          Support: {me.impersonatedBy.name} is acting as {me.user.username} until{' '}
          {new Date(me.impersonatedBy.expiresAt).toLocaleTimeString()}. Changes are recorded as
          theirs.
        </p>
      )}
      <header className="top-bar">
        <strong className="brand">Client area</strong>
        {me.impersonatedBy ? (
          <span>{me.account ? accountLabel(me.account) : 'No account'}</span>
        ) : (
          <AccountSwitcher />
        )}
        <span className="user">{me.user.username}</span>
        <button type="button" className="link" onClick={() => void signOut()}>
          {me.impersonatedBy ? 'Stop impersonating' : 'Sign out'}
        </button>
      </header>
      <div className="frame">
        <nav className="menu" aria-label="Menu">
          <NavLink to="/" end>
            Overview
          </NavLink>
          {holds('billing') && <NavLink to="/invoices">Invoices</NavLink>}
          {holds('contacts') && <NavLink to="/contacts">Manage contacts</NavLink>}
          <NavLink to="/invitations">My invitations</NavLink>
          <NavLink to="/accounts">My accounts</NavLink>
        </nav>
        <main>
          <Outlet />
        </main>
      </div>
    </>
  );
};
