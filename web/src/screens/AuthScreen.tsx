import { useState, type FormEvent } from 'react';
import type { Api } from '../lib/api';
import { ApiError, type User } from '../lib/types';

/** Register or log in. */
export function AuthScreen({ api, onSignedIn }: { api: Api; onSignedIn: (u: User) => void }) {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = mode === 'login' ? await api.login(handle, password) : await api.register(handle, password, displayName);
      onSignedIn(r.user);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', 'Cannot reach Tangle'));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  return (
    <main className="auth" id="main">
      <h1>Tangle</h1>
      <div className="tabs" role="tablist" aria-label="Sign in or register">
        <button role="tab" aria-selected={mode === 'login'} onClick={() => setMode('login')}>Log in</button>
        <button role="tab" aria-selected={mode === 'register'} onClick={() => setMode('register')}>Register</button>
      </div>
      <form onSubmit={submit} aria-label={mode === 'login' ? 'Log in' : 'Register'} noValidate>
        <label>
          Handle
          <input name="handle" autoComplete="username" value={handle} onChange={(e) => setHandle(e.target.value)} required
            aria-invalid={!!fieldError('handle')} aria-describedby={fieldError('handle') ? 'handle-error' : undefined} />
        </label>
        {fieldError('handle') && <span id="handle-error" className="field-error">{fieldError('handle')}</span>}
        {mode === 'register' && (
          <label>
            Display name
            <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
        )}
        <label>
          Password
          <input name="password" type="password" autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8}
            aria-invalid={!!fieldError('password')} />
        </label>
        {fieldError('password') && <span className="field-error">{fieldError('password')}</span>}
        {error && !error.field && <p role="alert" className="error">{error.message}</p>}
        <button type="submit" disabled={busy}>{mode === 'login' ? 'Log in' : 'Create account'}</button>
      </form>
    </main>
  );
}
