import { useState } from 'preact/hooks';
import { listTrash, listVersions, purgeEntity, type TrashItem, type VersionItem } from '../api/history';
import { canWrite, hasRole, type Session } from '../auth/session';
import { FailureNote, Show, useLoad } from '../components/async';
import { Icon } from '../components/icons';
import { Modal } from '../components/modal';
import { Time } from '../components/time';
import { byKind, KINDS, type EntityKind, type KindInfo } from '../kinds';
import { href, navigate } from '../router';
import { RestoreDialog } from './restore-dialog';

interface Restoring {
  info: KindInfo;
  item: TrashItem;
  version: VersionItem;
  head: VersionItem;
}

/** Deleted entities, newest first: restore brings one back; admins can purge one for good. */
export function Trash({ session, query }: { session: Session; query: URLSearchParams }) {
  const entityKind = (query.get('entityKind') ?? '') as EntityKind | '';
  const [restoring, setRestoring] = useState<Restoring | null>(null);
  const [purging, setPurging] = useState<TrashItem | null>(null);
  const [notice, setNotice] = useState<string>();
  const trash = useLoad(() => listTrash({ entityKind: entityKind || undefined, limit: 100 }), [entityKind]);

  const restore = async (info: KindInfo, item: TrashItem) => {
    // The delete is the head; the version before it is the state that comes back.
    const { items } = await listVersions(info.resource, item.id, { limit: 2 });
    if (items.length === 2) setRestoring({ info, item, head: items[0], version: items[1] });
  };

  return (
    <section aria-labelledby="trash-title">
      <div class="page-head">
        <h1 id="trash-title">Trash</h1>
      </div>
      <p class="muted">Deleted dashboards, charts and datasets keep their history. Restoring one brings it back as a new version.</p>
      <form class="card filters" aria-label="Filter the trash" onSubmit={(event) => event.preventDefault()}>
        <label>
          Kind of item
          <select value={entityKind} onChange={(event) => navigate(href(['trash'], { entityKind: event.currentTarget.value }))}>
            <option value="">All</option>
            {KINDS.map((info) => (
              <option key={info.kind} value={info.kind}>
                {info.plural}
              </option>
            ))}
          </select>
        </label>
      </form>
      {notice && (
        <p class="note note-success" role="status">
          {notice}
        </p>
      )}
      <Show loaded={trash}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="card empty">The trash is empty.</p>
          ) : (
            <div class="card table-card">
              <table class="table">
                <caption class="visually-hidden">Deleted items, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Deleted</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody aria-busy={trash.loading}>
                  {page.items.map((item) => {
                    const info = byKind(item.entityKind);
                    const label = item.label ?? `${item.entityKind} ${item.id.slice(0, 8)}`;
                    return (
                      <tr key={item.id}>
                        <th scope="row">
                          <span class="row-link">
                            <Icon name={item.entityKind} />
                            {info ? <a href={href([info.resource, item.id])}>{label}</a> : label}
                          </span>
                          <span class="muted small"> {item.entityKind}</span>
                        </th>
                        <td>
                          <Time iso={item.deletedAt} /> <span class="muted">by {item.deletedBy}</span>
                        </td>
                        <td class="row-actions">
                          {info && canWrite(session) && (
                            <button type="button" class="button button-small" onClick={() => restore(info, item)} aria-label={`Restore ${label}`}>
                              <Icon name="restore" /> Restore…
                            </button>
                          )}
                          {info && hasRole(session, 'admin') && (
                            <button type="button" class="button button-small button-danger-quiet" onClick={() => setPurging(item)} aria-label={`Purge ${label}`}>
                              <Icon name="trash" /> Purge…
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
      {restoring && (
        <RestoreDialog
          info={restoring.info}
          id={restoring.item.id}
          label={restoring.item.label ?? restoring.info.singular}
          version={restoring.version}
          head={restoring.head}
          onClose={(result) => {
            setRestoring(null);
            if (result) {
              setNotice(`Restored ${restoring.item.label ?? restoring.info.singular} from the trash.`);
              trash.reload();
            }
          }}
        />
      )}
      {purging && (
        <PurgeDialog
          item={purging}
          onClose={(purged) => {
            setPurging(null);
            if (purged) {
              setNotice(`Purged ${purging.label ?? purging.entityKind}: its history is gone.`);
              trash.reload();
            }
          }}
        />
      )}
    </section>
  );
}

function PurgeDialog({ item, onClose }: { item: TrashItem; onClose(purged: boolean): void }) {
  const [error, setError] = useState<string>();
  const info = byKind(item.entityKind)!;
  const label = item.label ?? `${item.entityKind} ${item.id.slice(0, 8)}`;
  const purge = async () => {
    try {
      await purgeEntity(info.resource, item.id);
      onClose(true);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <Modal title={`Purge ${label}?`} onClose={() => onClose(false)}>
      <p class="note note-warning">
        <Icon name="warning" /> Purging removes the {item.entityKind} and its whole history for good: every version, change record and pin. It cannot be restored afterwards. Only a record of the purge
        (who, when, what) remains.
      </p>
      <FailureNote message={error} />
      <div class="modal-actions">
        <button type="button" class="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" class="button button-danger" onClick={purge}>
          Purge permanently
        </button>
      </div>
    </Modal>
  );
}
