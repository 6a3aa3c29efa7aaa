import { useState } from 'preact/hooks';
import { getVersion, listVersions } from '../api/history';
import { canWrite, type Session } from '../auth/session';
import { Show, useLoad } from '../components/async';
import { ChangeList } from '../components/change-list';
import { FieldName, FieldValue } from '../components/field-value';
import { Icon } from '../components/icons';
import { OperationIcon, operationText } from '../components/operation';
import { Time } from '../components/time';
import { entityLabel, type KindInfo } from '../kinds';
import { useLabels } from '../labels';
import { href, navigate } from '../router';
import { RestoreDialog } from './restore-dialog';

/** One version's full state, field by field, with restore and compare. */
export function VersionStateView({ info, id, versionId, session }: { info: KindInfo; id: string; versionId: string; session: Session }) {
  useLabels();
  const [restoring, setRestoring] = useState(false);
  const loaded = useLoad(() => Promise.all([getVersion(info.resource, id, versionId), listVersions(info.resource, id, { limit: 100 })]), [info.resource, id, versionId]);
  return (
    <Show loaded={loaded}>
      {([version, page]) => {
        const head = page.items[0];
        const item = page.items.find((candidate) => candidate.versionId === versionId);
        const label = entityLabel(info, version.state, id);
        const current = head.versionId === versionId;
        return (
          <section aria-labelledby="version-title">
            <nav class="crumbs" aria-label="Breadcrumb">
              <a href={href([info.resource])}>{info.plural}</a> <span aria-hidden="true">/</span> <a href={href([info.resource, id])}>{label}</a> <span aria-hidden="true">/</span>{' '}
              <span aria-current="page">Version {version.version}</span>
            </nav>
            <div class="page-head">
              <div>
                <h1 id="version-title">
                  {label} <span class="muted">at version {version.version}</span>
                </h1>
                <p class="version-meta">
                  <OperationIcon operation={version.operation} /> <strong>{version.actor.id}</strong> {operationText(version)} · <Time iso={version.createdAt} />
                  {current && <span class="badge badge-info">current</span>}
                  {version.pin && (
                    <span class="badge badge-pin">
                      <Icon name="pin" size={12} /> {version.pin.label}
                    </span>
                  )}
                </p>
                {version.message && <p class="message">“{version.message}”</p>}
              </div>
              <div class="actions">
                {!current && (
                  <a class="button" href={href([info.resource, id, 'compare'], { from: versionId, to: head.versionId })}>
                    <Icon name="compare" /> Compare with current
                  </a>
                )}
                {!current && canWrite(session) && item && item.operation !== 'delete' && (
                  <button type="button" class="button button-primary" onClick={() => setRestoring(true)}>
                    <Icon name="restore" /> Restore this version…
                  </button>
                )}
              </div>
            </div>
            {item && item.changes.length > 0 && (
              <div class="card">
                <h2 class="section-title">What this version changed</h2>
                <ChangeList changes={item.changes} />
              </div>
            )}
            <h2 class="section-title">Full state</h2>
            <div class="card">
              <dl class="state">
                {Object.entries(version.state).map(([name, value]) => (
                  <div class="state-row">
                    <dt>
                      <FieldName name={name} />
                    </dt>
                    <dd>
                      <FieldValue value={value} />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            {restoring && item && (
              <RestoreDialog info={info} id={id} label={label} version={item} head={head} onClose={(result) => (setRestoring(false), result && navigate(href([info.resource, id])))} />
            )}
          </section>
        );
      }}
    </Show>
  );
}
