import { useState } from 'preact/hooks';
import { listEntities } from '../api/history';
import { canReadHistory, type Session } from '../auth/session';
import { Show, useLoad } from '../components/async';
import { Icon } from '../components/icons';
import { Time } from '../components/time';
import { entityLabel, type Entity, type KindInfo } from '../kinds';
import { remember } from '../labels';
import { href } from '../router';

/** One kind's current entities, newest first, with "load more". */
export function EntityList({ info, session }: { info: KindInfo; session: Session; query: URLSearchParams }) {
  const [extra, setExtra] = useState<{ items: Entity[]; cursor: string | null }>({ items: [], cursor: null });
  const first = useLoad(async () => {
    const page = await listEntities(info.resource, { limit: 50 });
    page.items.forEach((entity) => remember(info, entity));
    setExtra({ items: [], cursor: page.nextCursor });
    return page;
  }, [info.resource]);
  const more = async () => {
    const page = await listEntities(info.resource, { limit: 50, cursor: extra.cursor ?? undefined });
    page.items.forEach((entity) => remember(info, entity));
    setExtra({ items: [...extra.items, ...page.items], cursor: page.nextCursor });
  };
  const history = canReadHistory(session);

  return (
    <section aria-labelledby="list-title">
      <div class="page-head">
        <h1 id="list-title">{info.plural}</h1>
      </div>
      {!history && <p class="note">Your role shows current {info.plural.toLowerCase()} only; their history is not available to you.</p>}
      <Show loaded={first}>
        {(page) => {
          const items = [...page.items, ...extra.items];
          if (!items.length) return <p class="card empty">No {info.plural.toLowerCase()} here yet.</p>;
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
                  <tbody>
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
                              <span class="chip">{tag}</span>
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
