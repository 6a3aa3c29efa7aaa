import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { getEntity, listVersions, type VersionItem } from '../api/history';
import { canWrite, type Session } from '../auth/session';
import { Show, useLoad } from '../components/async';
import { ChangeList } from '../components/change-list';
import { Icon } from '../components/icons';
import { OperationIcon, operationText } from '../components/operation';
import { Time } from '../components/time';
import { entityLabel, type Entity, type KindInfo } from '../kinds';
import { labelOf, useLabels } from '../labels';
import { href } from '../router';
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
  const [notice, setNotice] = useState<string>();
  const loaded = useLoad<Loaded>(async () => {
    const [entity, page] = await Promise.all([getEntity(info.resource, id).catch((error) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error))), listVersions(info.resource, id, { limit: 20 })]);
    setOlder(null);
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
              {head && all.length > 1 && (
                <a class="button" href={href([info.resource, id, 'compare'], { from: all[1].versionId, to: head.versionId })}>
                  <Icon name="compare" /> Compare versions
                </a>
              )}
            </div>
            {notice && (
              <p class="note note-success" role="status">
                {notice}
              </p>
            )}
            <ol class="timeline" aria-label={`Versions of ${label}, newest first`}>
              {all.map((version) => (
                <VersionCard
                  info={info}
                  id={id}
                  version={version}
                  head={head}
                  canRestore={canWrite(session) && version.versionId !== head.versionId && version.operation !== 'delete'}
                  onRestore={() => setRestoring(version)}
                />
              ))}
            </ol>
            {cursor && (
              <button type="button" class="button" onClick={() => loadOlder(cursor)}>
                Show older versions
              </button>
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

/** What a version without change records means, by operation. */
const EMPTY: Record<string, string> = {
  create: 'The first version.',
  delete: 'Moved to the trash; its history stays readable and restoring any version brings it back.',
  baseline: 'Older history was pruned; this version holds the state it left.',
};

function VersionCard({ info, id, version, head, canRestore, onRestore }: { info: KindInfo; id: string; version: VersionItem; head: VersionItem; canRestore: boolean; onRestore(): void }) {
  const current = version.versionId === head.versionId;
  const titleId = `version-${version.version}`;
  return (
    <li class={`card version${current ? ' version-current' : ''}`} aria-labelledby={titleId}>
      <OperationIcon operation={version.operation} />
      <div class="version-body">
        <div class="version-head">
          <h2 id={titleId} class="version-title">
            <span class="version-no">v{version.version}</span> <strong>{version.actor.id}</strong> {operationText(version)}
          </h2>
          <Time iso={version.createdAt} />
          {current && <span class="badge badge-info">current</span>}
          {version.pin && (
            <span class="badge badge-pin" title={`pinned by ${version.pin.by}`}>
              <Icon name="pin" size={12} /> {version.pin.label}
            </span>
          )}
        </div>
        {version.message && <p class="message">“{version.message}”</p>}
        <ChangeList changes={version.changes} limit={8} empty={EMPTY[version.operation]} />
        <div class="actions">
          <a class="button button-small" href={href([info.resource, id, 'versions', version.versionId])} aria-label={`View version ${version.version}`}>
            <Icon name="eye" /> View
          </a>
          {!current && (
            <a class="button button-small" href={href([info.resource, id, 'compare'], { from: version.versionId, to: head.versionId })} aria-label={`Compare version ${version.version} with the current version`}>
              <Icon name="compare" /> Compare with current
            </a>
          )}
          {canRestore && (
            <button type="button" class="button button-small" onClick={onRestore} aria-label={`Restore version ${version.version}`}>
              <Icon name="restore" /> Restore…
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
