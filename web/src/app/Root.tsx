import { useEffect, useMemo, useState } from 'react';
import { Api } from '../lib/api';
import type { User } from '../lib/types';
import { AuthScreen } from '../screens/AuthScreen';
import { SignedIn } from './SignedIn';

/** Signed out: the auth screen. Signed in: the app, until the tokens go (logout, revoked refresh). */
export function Root() {
  const api = useMemo(() => new Api(), []);
  const [me, setMe] = useState<User | null>(null);
  const [checking, setChecking] = useState(() => api.tokens.current() !== null);

  useEffect(() => {
    const off = api.tokens.onChange((s) => {
      if (!s) setMe(null);
    });
    if (api.tokens.current()) {
      api
        .get<User>('/v1/users/me')
        .then(setMe, () => api.tokens.set(null))
        .finally(() => setChecking(false));
    }
    return () => {
      off();
    };
  }, [api]);

  if (checking) return <p className="center" role="status">Loading…</p>;
  if (!me) return <AuthScreen api={api} onSignedIn={setMe} />;
  return <SignedIn key={me.id} api={api} me={me} />;
}
