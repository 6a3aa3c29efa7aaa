import { useState } from 'preact/hooks';
import { changeFeed, type ChangeFeedItem } from '../api/history';
import { Show, useLoad } from '../components/async';
import { Icon } from '../components/icons';
import { Time } from '../components/time';
import { describeChange } from '../changes/describe-change';
import { byKind, KINDS, type EntityKind } from '../kinds';
import { labelOf, useLabels } from '../labels';
import { href, navigate } from '../router';

const CHANGE_KINDS = ['field', 'filter', 'metric', 'time_range', 'color_palette', 'dimension', 'column', 'chart', 'layout'] as const;

/** The org's change records, newest first, filtered by entity kind, change kind and date. */
export function Activity({ query }: { query: URLSearchParams }) {
  const chartName = useLabels();
  const filters = { entityKind: query.get('entityKind') ?? '', kind: query.get('kind') ?? '', since: query.get('since') ?? '', actor: query.get('actor') ?? '', entityId: query.get('entityId') ?? '' };
  const [more, setMore] = useState<{ items: ChangeFeedItem[]; cursor: string | null } | null>(null);
  const request = {
    entityKind: (filters.entityKind || undefined) as EntityKind | undefined,
    kind: filters.kind || undefined,
    since: filters.since ? new Date(`${filters.since}T00:00:00`).toISOString() : undefined,
    actor: filters.actor || undefined,
    entityId: filters.entityId || undefined,
    limit: 50,
  };
  const first = useLoad(() => (setMore(null), changeFeed(request)), [filters.entityKind, filters.kind, filters.since, filters.actor, filters.entityId]);
  const [actor, setActor] = useState(filters.actor);
  const set = (name: keyof typeof filters, value: string) => navigate(href(['activity'], { ...filters, [name]: value }));
  const loadMore = async (cursor: string) => {
    const page = await changeFeed({ ...request, cursor });
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
  };

  return (
    <section aria-labelledby="activity-title">
      <div class="page-head">
        <h1 id="activity-title">Activity</h1>
      </div>
      <form
        class="card filters"
        aria-label="Filter activity"
        onSubmit={(event) => {
          event.preventDefault();
          set('actor', actor.trim());
        }}
      >
        <label>
          Kind of item
          <select value={filters.entityKind} onChange={(event) => set('entityKind', event.currentTarget.value)}>
            <option value="">All</option>
            {KINDS.map((info) => (
              <option value={info.kind}>{info.plural}</option>
            ))}
          </select>
        </label>
        <label>
          Kind of change
          <select value={filters.kind} onChange={(event) => set('kind', event.currentTarget.value)}>
            <option value="">All</option>
            {CHANGE_KINDS.map((kind) => (
              <option value={kind}>{kind.replace('_', ' ')}</option>
            ))}
          </select>
        </label>
        <label>
          Since
          <input type="date" value={filters.since} onChange={(event) => set('since', event.currentTarget.value)} />
        </label>
        <label>
          Who
          <input name="actor" placeholder="user id" value={actor} onInput={(event) => setActor(event.currentTarget.value)} onBlur={() => actor.trim() !== filters.actor && set('actor', actor.trim())} />
        </label>
        {filters.entityId && (
          <span class="chip chip-filter">
            Only {labelOf(filters.entityId) ?? filters.entityId.slice(0, 8)}
            <button type="button" class="link-button" onClick={() => set('entityId', '')} aria-label="Show every item's activity">
              <Icon name="close" size={12} />
            </button>
          </span>
        )}
        <button type="submit" class="visually-hidden">
          Apply filters
        </button>
      </form>
      <Show loaded={first}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const cursor = more ? more.cursor : page.nextCursor;
          if (!items.length) return <p class="card empty">No changes match.</p>;
          return (
            <>
              <ol class="card feed" aria-label="Changes, newest first" aria-busy={first.loading}>
                {items.map((item) => {
                  const info = byKind(item.entityKind);
                  const words = describeChange(item, { chartName });
                  const name = labelOf(item.entityId) ?? `${item.entityKind} ${item.entityId.slice(0, 8)}`;
                  return (
                    <li key={`${item.versionId}-${item.path.join('/')}`} class={`feed-item change-${words.op}`}>
                      <span class={`change-icon kind-${words.icon}`} aria-hidden="true">
                        <Icon name={words.icon} size={14} />
                      </span>
                      <span class="feed-text">
                        <strong>{item.actor.id}</strong> {words.text}
                        {words.detail && <span class="change-detail">{words.detail}</span>}
                        <span class="feed-where">
                          on {item.entityKind}{' '}
                          {info ? <a href={href([info.resource, item.entityId])}>{name}</a> : name} · v{item.version}
                          {item.message && <span class="message"> · “{item.message}”</span>}
                        </span>
                      </span>
                      <Time iso={item.recordedAt} />
                    </li>
                  );
                })}
              </ol>
              {cursor && (
                <button type="button" class="button" onClick={() => loadMore(cursor)}>
                  Load more
                </button>
              )}
            </>
          );
        }}
      </Show>
    </section>
  );
}
