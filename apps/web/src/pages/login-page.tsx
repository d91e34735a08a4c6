import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import { errorMap, summaryText } from '../components/errors';
import { TextField } from '../components/fields';

// Sign in with e-mail and password. The server's per-field messages go next to their field;
// a refused sign-in (or the rate limit) is said once, above the button.

interface Props {
  api: ApiClient;
  reason?: string;
  onSignedIn(user: User): void;
}

export function LoginPage({ api, reason, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = errorMap(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.auth.login(email.trim(), password);
      onSignedIn(user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Integrator</h1>
        {reason && !error && <p className="note info">{reason}</p>}
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={fields.get('email')}
          autoFocus
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fields.get('password')}
          required
        />
        {error !== null && fields.size === 0 && (
          <p className="note error" role="alert">
            {summaryText(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
