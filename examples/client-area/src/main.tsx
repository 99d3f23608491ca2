import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout';
import { ChooseAccount } from './pages/ChooseAccount';
import { Contacts } from './pages/Contacts';
import { InvitationLink } from './pages/InvitationLink';
import { Impersonate } from './pages/Impersonate';
import { Invoices } from './pages/Invoices';
import { MyAccounts } from './pages/MyAccounts';
import { MyInvitations } from './pages/MyInvitations';
import { Overview } from './pages/Overview';
import { SignIn } from './pages/SignIn';
import { SessionProvider, useSession } from './session';
import './styles.css';

/** Signed-in pages; anyone else signs in first and comes back. */
const SignedIn = ({ children }: { children: ReactNode }) => {
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <p className="muted">Loading…</p>;
  if (session.status === 'signed-out')
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />
    );
  return <>{children}</>;
};

/** A page of the account the tab acts for; with none (lost on a reload), the overview's choices. */
const ForAccount = ({ children }: { children: ReactNode }) => {
  const { session } = useSession();
  if (session.status === 'signed-in' && !session.account) return <Navigate to="/" replace />;
  return <>{children}</>;
};

const App = () => (
  <Routes>
    <Route path="/sign-in" element={<SignIn />} />
    <Route path="/sign-up" element={<SignIn signUp />} />
    <Route path="/invitations/accept" element={<InvitationLink />} />
    <Route path="/impersonate" element={<Impersonate />} />
    <Route
      path="/choose"
      element={
        <SignedIn>
          <ChooseAccount />
        </SignedIn>
      }
    />
    <Route
      element={
        <SignedIn>
          <Layout />
        </SignedIn>
      }
    >
      <Route index element={<Overview />} />
      <Route
        path="invoices"
        element={
          <ForAccount>
            <Invoices />
          </ForAccount>
        }
      />
      <Route
        path="contacts"
        element={
          <ForAccount>
            <Contacts />
          </ForAccount>
        }
      />
      <Route path="invitations" element={<MyInvitations />} />
      <Route path="accounts" element={<MyAccounts />} />
    </Route>
    <Route path="*" element={<Navigate to="/" />} />
  </Routes>
);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>
);
