import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFields } from '../form';
import { nextPath } from '../next-path';
import { client, useAction, useSession } from '../session';

/** Sign in, or sign up with `signUp`; several accounts lead to the chooser. */
export const SignIn = ({ signUp = false }: { signUp?: boolean }) => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const { run, busy, error } = useAction();
  const { values: form, field } = useFields({
    identifier: '',
    username: '',
    email: '',
    password: '',
  });
  const next = nextPath(params, window.location.origin);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await run(() =>
      signUp
        ? client.signUp({ username: form.username, email: form.email, password: form.password })
        : client.logIn({ identifier: form.identifier, password: form.password })
    );
    if (!answer) return;
    await signedIn(answer);
    const query = `?next=${encodeURIComponent(next)}`;
    navigate(answer.accounts.length > 1 ? `/choose${query}` : next);
  };

  const other = `${signUp ? '/sign-in' : '/sign-up'}?next=${encodeURIComponent(next)}`;
  return (
    <main className="card narrow">
      <h1>{signUp ? 'Create your account' : 'Sign in'}</h1>
      <form onSubmit={(event) => void submit(event)}>
        {signUp ? (
          <>
            <label>
              Username
              <input autoComplete="username" required {...field('username')} />
            </label>
            <label>
              Email
              <input type="email" autoComplete="email" required {...field('email')} />
            </label>
          </>
        ) : (
          <label>
            Email or username
            <input autoComplete="username" required {...field('identifier')} />
          </label>
        )}
        <label>
          Password
          <input
            type="password"
            autoComplete={signUp ? 'new-password' : 'current-password'}
            required
            {...field('password')}
          />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {signUp ? 'Sign up' : 'Sign in'}
        </button>
      </form>
      <p>
        {signUp ? 'Already registered? ' : 'New here? '}
        <Link to={other}>{signUp ? 'Sign in' : 'Create an account'}</Link>
      </p>
    </main>
  );
};
