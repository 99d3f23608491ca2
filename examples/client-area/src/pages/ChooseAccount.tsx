import { useNavigate, useSearchParams } from 'react-router-dom';
import { AccountChoices } from '../components/AccountChoices';
import { nextPath } from '../next-path';

/** After signing in with several accounts: which one to act for, by name and number. */
export const ChooseAccount = () => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return (
    <main className="card narrow">
      <h1>Choose an account</h1>
      <p className="muted">You can act for these accounts. You can switch at any time.</p>
      <AccountChoices onChosen={() => navigate(nextPath(params, window.location.origin))} />
    </main>
  );
};
