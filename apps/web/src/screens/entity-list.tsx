import { useState } from 'preact/hooks';
import { listEntities, type EntityFilter } from '../api/history';
import { canReadHistory, type Session } from '../auth/session';
import { Show, useLoad } from '../components/async';
import { Icon } from '../components/icons';
import { Time } from '../components/time';
import { entityLabel, type Entity, type KindInfo } from '../kinds';
import { remember } from '../labels';
import { href, navigate } from '../router';

/** One kind's current entities, newest first: search by name, filter by owner, tag and (dashboards) published. */
export function EntityList({ info, session, query }: { info: KindInfo; session: Session; query: URLSearchParams }) {
  const filter = { q: query.get('q') ?? '', owner: query.get('owner') ?? '', tag: query.get('tag') ?? '', published: query.get('published') ?? '' };
  const request: EntityFilter = { q: filter.q || undefined, owner: filter.owner || undefined, tag: filter.tag || undefined, published: filter.published ? filter.published === 'true' : undefined };
  const [extra, setExtra] = useState<{ items: Entity[]; cursor: string | null }>({ items: [], cursor: null });
  const first = useLoad(async () => {
    const page = await listEntities(info.resource, { limit: 50, ...request });
    page.items.forEach((entity) => remember(info, entity));
    setExtra({ items: [], cursor: page.nextCursor });
    return page;
  }, [info.resource, filter.q, filter.owner, filter.tag, filter.published]);
  const more = async () => {
    const page = await listEntities(info.resource, { limit: 50, cursor: extra.cursor ?? undefined, ...request });
    page.items.forEach((entity) => remember(info, entity));
    setExtra({ items: [...extra.items, ...page.items], cursor: page.nextCursor });
  };
  const history = canReadHistory(session);
  const filtered = Object.values(filter).some(Boolean);

  return (
    <section aria-labelledby="list-title">
      <div class="page-head">
        <h1 id="list-title">{info.plural}</h1>
      </div>
      <SearchForm key={`${info.resource}?${JSON.stringify(filter)}`} info={info} filter={filter} />
      {!history && <p class="note">Your role shows current {info.plural.toLowerCase()} only; their history is not available to you.</p>}
      <Show loaded={first}>
        {(page) => {
          const items = [...page.items, ...extra.items];
          if (!items.length) return <p class="card empty">{filtered ? `No ${info.plural.toLowerCase()} match.` : `No ${info.plural.toLowerCase()} here yet.`}</p>;
          return (
            <>
              <div class="card table-card">
                <table class="table">
                  <caption class="visually-hidden">{info.plural} of your organisation</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col" class="num">Version</th>
                      <th scope="col">Last change</th>
                      <th scope="col" class="hide-narrow">Tags</th>
                    </tr>
                  </thead>
                  <tbody aria-busy={first.loading}>
                    {items.map((entity) => {
                      const label = entityLabel(info, entity as Record<string, unknown>, entity.id);
                      return (
                        <tr key={entity.id}>
                          <th scope="row">
                            {history ? (
                              <a href={href([info.resource, entity.id])} class="row-link">
                                <Icon name={info.kind} />
                                {label}
                              </a>
                            ) : (
                              <span class="row-link">
                                <Icon name={info.kind} />
                                {label}
                              </span>
                            )}
                          </th>
                          <td class="num">v{entity.version}</td>
                          <td>
                            <Time iso={entity.updatedAt} /> <span class="muted">by {entity.updatedBy}</span>
                          </td>
                          <td class="hide-narrow">
                            {entity.tags.map((tag) => (
                              <a key={tag} class="chip" href={href([info.resource], { tag })} aria-label={`Only ${info.plural.toLowerCase()} tagged ${tag}`}>
                                {tag}
                              </a>
                            ))}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {extra.cursor && (
                <button type="button" class="button" onClick={more}>
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

type Filter = Record<'q' | 'owner' | 'tag' | 'published', string>;

function SearchForm({ info, filter }: { info: KindInfo; filter: Filter }) {
  const [draft, setDraft] = useState(filter);
  const apply = (next: Filter) => navigate(href([info.resource], next));
  const field = (name: keyof Filter) => ({ value: draft[name], onInput: (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value }) });
  return (
    <form
      class="card filters"
      role="search"
      aria-label={`Search ${info.plural.toLowerCase()}`}
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <label class="grow">
        Search by {info.labelField === 'tableName' ? 'table name' : info.labelField}
        <input type="search" name="q" placeholder={`Find ${info.plural.toLowerCase()}…`} {...field('q')} />
      </label>
      <label>
        Owner
        <input name="owner" placeholder="user id" {...field('owner')} />
      </label>
      <label>
        Tag
        <input name="tag" {...field('tag')} />
      </label>
      {info.kind === 'dashboard' && (
        <label>
          Published
          <select value={draft.published} onChange={(event) => apply({ ...draft, published: event.currentTarget.value })}>
            <option value="">Any</option>
            <option value="true">Published</option>
            <option value="false">Draft</option>
          </select>
        </label>
      )}
      <button type="submit" class="button button-primary">
        <Icon name="search" /> Search
      </button>
    </form>
  );
}
