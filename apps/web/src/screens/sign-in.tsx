import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { devToken } from '../api/history';
import { signIn } from '../auth/session';
import { FailureNote } from '../components/async';

const ROLES = ['editor', 'admin', 'viewer', 'guest'] as const;

/** Development: mint a token through the dev-only endpoint. Production: the BI tool hands one over. */
export function SignIn() {
  const [user, setUser] = useState('alice');
  const [org, setOrg] = useState('acme');
  const [role, setRole] = useState<(typeof ROLES)[number]>('editor');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { token } = await devToken({ sub: user.trim(), org: org.trim(), roles: [role] as never });
      signIn(token);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 404
          ? 'Dev sign-in is off on this server (JWT_SECRET or a public key is set, or it runs in production). Open this page from your BI tool, which passes a token.'
          : (failure as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <div class="card sign-in-card">
        <div class="brand brand-large">
          <img src="./favicon.svg" alt="" width="36" height="36" />
          <span>Rewind</span>
        </div>
        <h1>Sign in to see history</h1>
        <p class="muted">Who changed what on your dashboards, charts and datasets, and bring back any version.</p>
        <form onSubmit={submit} class="stack">
          <h2 class="section-title">Development sign-in</h2>
          <label>
            User
            <input name="user" value={user} onInput={(event) => setUser(event.currentTarget.value)} required autoComplete="username" />
          </label>
          <label>
            Organisation
            <input name="org" value={org} onInput={(event) => setOrg(event.currentTarget.value)} required />
          </label>
          <label>
            Role
            <select name="role" value={role} onChange={(event) => setRole(event.currentTarget.value as (typeof ROLES)[number])}>
              {ROLES.map((name) => (
                <option value={name}>{name}</option>
              ))}
            </select>
          </label>
          <FailureNote message={error} />
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="muted small">
          In production the BI tool opens this page with <code>#access_token=…</code> or posts <code>{'{ type: "rewind:token", token }'}</code> to it. The token stays in memory only.
        </p>
      </div>
    </main>
  );
}
