import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../session';

/**
 * The page the admin panel's "Open the client area as this user" opens: the impersonation token
 * comes in the fragment (`#token=…`, never sent to a server), is kept for this tab only and
 * taken out of the address bar.
 */
export const Impersonate = () => {
  const { impersonate } = useSession();
  const navigate = useNavigate();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      navigate('/sign-in', { replace: true });
      return;
    }
    void impersonate(token).then(() => navigate('/', { replace: true }));
  }, [impersonate, navigate]);
  return <p className="muted">Opening the client area as this user…</p>;
};
