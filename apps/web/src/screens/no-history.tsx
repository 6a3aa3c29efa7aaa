import type { Session } from '../auth/session';
import { href } from '../router';

/** Guests read current entities (embedded dashboards) but not history: the API refuses it, the page says so. */
export function NoHistory({ session }: { session: Session }) {
  return (
    <section class="card empty" aria-labelledby="no-history">
      <h1 id="no-history">History is not available</h1>
      <p>
        You are signed in as <strong>{session.user}</strong> with the role <strong>{session.roles.join(', ') || 'none'}</strong>, which can see current dashboards, charts and datasets but not their
        history. Ask an admin for the viewer or editor role.
      </p>
      <p>
        <a href={href(['dashboards'])}>Back to dashboards</a>
      </p>
    </section>
  );
}
