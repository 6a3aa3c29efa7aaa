import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { getEntity, listVersions, unpinVersion, type VersionItem } from '../api/history';
import { canWrite, type Session } from '../auth/session';
import { Show, useLoad } from '../components/async';
import { Icon } from '../components/icons';
import { entityLabel, type Entity, type KindInfo } from '../kinds';
import { labelOf, remember, useLabels } from '../labels';
import { href } from '../router';
import { PinDialog } from './pin-dialog';
import { VersionCard } from './version-card';
import { RestoreDialog } from './restore-dialog';

interface Loaded {
  entity: Entity | null;
  versions: VersionItem[];
  nextCursor: string | null;
}

/** An entity's versions, newest first: who, when, what, message, pin; with view, compare and restore. */
export function Timeline({ info, id, session }: { info: KindInfo; id: string; session: Session }) {
  useLabels();
  const [older, setOlder] = useState<{ items: VersionItem[]; cursor: string | null } | null>(null);
  const [restoring, setRestoring] = useState<VersionItem | null>(null);
  const [pinning, setPinning] = useState<VersionItem | null>(null);
  const [notice, setNotice] = useState<string>();
  const loaded = useLoad<Loaded>(async () => {
    const [entity, page] = await Promise.all([getEntity(info.resource, id).catch((error) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error))), listVersions(info.resource, id, { limit: 20 })]);
    setOlder(null);
    if (entity) remember(info, entity);
    return { entity, versions: page.items, nextCursor: page.nextCursor };
  }, [info.resource, id]);

  const loadOlder = async (cursor: string) => {
    const page = await listVersions(info.resource, id, { limit: 20, cursor });
    setOlder({ items: [...(older?.items ?? []), ...page.items], cursor: page.nextCursor });
  };

  return (
    <Show loaded={loaded}>
      {({ entity, versions, nextCursor }) => {
        const all = [...versions, ...(older?.items ?? [])];
        const head = versions[0];
        const deleted = !entity;
        const label = entity ? entityLabel(info, entity as Record<string, unknown>, id) : (labelOf(id) ?? `${info.singular} ${id.slice(0, 8)}`);
        const cursor = older ? older.cursor : nextCursor;
        return (
          <section aria-labelledby="timeline-title">
            <nav class="crumbs" aria-label="Breadcrumb">
              <a href={href([info.resource])}>{info.plural}</a> <span aria-hidden="true">/</span> <span aria-current="page">{label}</span>
            </nav>
            <div class="page-head">
              <div>
                <h1 id="timeline-title">
                  <Icon name={info.kind} size={22} /> {label}
                </h1>
                <p class="muted">
                  {info.singular} · version {head?.version} · {all.length}
                  {cursor ? '+' : ''} versions{deleted && <span class="badge badge-danger">in the trash</span>}
                </p>
              </div>
              <div class="actions">
                <a class="button" href={href(['activity'], { entityId: id })} aria-label={`Activity of ${label}`}>
                  <Icon name="activity" /> Activity
                </a>
                {head && all.length > 1 && (
                  <a class="button" href={href([info.resource, id, 'compare'], { from: all[1].versionId, to: head.versionId })}>
                    <Icon name="compare" /> Compare versions
                  </a>
                )}
              </div>
            </div>
            {notice && (
              <p class="note note-success" role="status">
                {notice}
              </p>
            )}
            <ol class="timeline" aria-label={`Versions of ${label}, newest first`}>
              {all.map((version) => (
                <VersionCard
                  key={version.versionId}
                  info={info}
                  id={id}
                  version={version}
                  head={head}
                  canRestore={canWrite(session) && version.versionId !== head.versionId && version.operation !== 'delete'}
                  canPin={canWrite(session)}
                  onRestore={() => setRestoring(version)}
                  onPin={() => setPinning(version)}
                  onUnpin={async () => {
                    await unpinVersion(info.resource, id, version.versionId).catch((error: Error) => setNotice(error.message));
                    setNotice(`Unpinned version ${version.version}.`);
                    loaded.reload();
                  }}
                />
              ))}
            </ol>
            {cursor && (
              <button type="button" class="button" onClick={() => loadOlder(cursor)}>
                Show older versions
              </button>
            )}
            {pinning && (
              <PinDialog
                info={info}
                id={id}
                version={pinning}
                onClose={(changed) => {
                  setPinning(null);
                  if (changed) {
                    setNotice(`Pinned version ${pinning.version}.`);
                    loaded.reload();
                  }
                }}
              />
            )}
            {restoring && head && (
              <RestoreDialog
                info={info}
                id={id}
                label={label}
                version={restoring}
                head={head}
                onClose={(result) => {
                  setRestoring(null);
                  if (result) {
                    setNotice(`Restored version ${restoring.version} as version ${result.version}.`);
                    loaded.reload();
                  }
                }}
              />
            )}
          </section>
        );
      }}
    </Show>
  );
}
