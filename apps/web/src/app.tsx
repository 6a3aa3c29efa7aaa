import { useEffect, useState } from 'preact/hooks';
import { canReadHistory, currentSession, signOut, subscribe, type Session } from './auth/session';
import { Icon } from './components/icons';
import { KINDS, byResource } from './kinds';
import { forgetLabels } from './labels';
import { href, useRoute, type Route } from './router';
import { Activity } from './screens/activity';
import { Compare } from './screens/compare';
import { EntityList } from './screens/entity-list';
import { NoHistory } from './screens/no-history';
import { SignIn } from './screens/sign-in';
import { Timeline } from './screens/timeline';
import { Trash } from './screens/trash';
import { VersionStateView } from './screens/version-state';

export function App() {
  const [session, setSession] = useState<Session | null>(currentSession());
  const route = useRoute();
  useEffect(() => {
    const unsubscribe = subscribe((next) => (forgetLabels(), setSession(next)));
    // A token may have arrived (postMessage) between the first render and this subscription.
    setSession(currentSession());
    return unsubscribe;
  }, []);
  if (!session) return <SignIn />;
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <Header session={session} route={route} />
      <main id="main" tabIndex={-1} class="content">
        <Screen session={session} route={route} />
      </main>
    </>
  );
}

function Header({ session, route }: { session: Session; route: Route }) {
  const section = route.path[0] ?? 'dashboards';
  const links = [
    ...KINDS.map((info) => ({ key: info.resource, label: info.plural, icon: info.kind })),
    ...(canReadHistory(session)
      ? [
          { key: 'activity', label: 'Activity', icon: 'activity' },
          { key: 'trash', label: 'Trash', icon: 'trash' },
        ]
      : []),
  ];
  return (
    <header class="topbar">
      <a class="brand" href={href(['dashboards'])}>
        <img src="./favicon.svg" alt="" width="24" height="24" />
        <span>Rewind</span>
      </a>
      <nav aria-label="Sections" class="tabs">
        {links.map((link) => (
          <a key={link.key} href={href([link.key])} class={`tab${section === link.key ? ' tab-active' : ''}`} aria-current={section === link.key ? 'page' : undefined}>
            <Icon name={link.icon} />
            {link.label}
          </a>
        ))}
      </nav>
      <div class="who">
        <span class="who-name" title={`${session.user} in ${session.org}`}>
          <Icon name="user" />
          {session.user} <span class="muted">· {session.org}</span>
        </span>
        <span class="badge">{session.roles.join(', ') || 'no role'}</span>
        <button type="button" class="button button-quiet" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function Screen({ session, route }: { session: Session; route: Route }) {
  const [section = 'dashboards', id, sub, versionId] = route.path;
  if (section === 'activity') return canReadHistory(session) ? <Activity key={route.query.toString()} query={route.query} /> : <NoHistory session={session} />;
  if (section === 'trash') return canReadHistory(session) ? <Trash session={session} query={route.query} /> : <NoHistory session={session} />;
  const info = byResource(section);
  if (!info) return <p class="note">There is no page here. <a href={href(['dashboards'])}>Go to dashboards</a>.</p>;
  if (!id) return <EntityList info={info} session={session} query={route.query} />;
  if (!canReadHistory(session)) return <NoHistory session={session} />;
  if (sub === 'compare') return <Compare info={info} id={id} query={route.query} />;
  if (sub === 'versions' && versionId) return <VersionStateView info={info} id={id} versionId={versionId} session={session} />;
  return <Timeline info={info} id={id} session={session} />;
}
