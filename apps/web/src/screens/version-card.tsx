import type { VersionItem } from '../api/history';
import { ChangeList } from '../components/change-list';
import { Icon } from '../components/icons';
import { OperationIcon, operationText } from '../components/operation';
import { Time } from '../components/time';
import type { KindInfo } from '../kinds';
import { href } from '../router';

/** What a version without change records means, by operation. */
const EMPTY: Record<string, string> = {
  create: 'The first version.',
  delete: 'Moved to the trash; its history stays readable and restoring any version brings it back.',
  baseline: 'Older history was pruned; this version holds the state it left.',
};

export interface VersionCardProps {
  info: KindInfo;
  id: string;
  version: VersionItem;
  head: VersionItem;
  canRestore: boolean;
  canPin: boolean;
  onRestore(): void;
  onPin(): void;
  onUnpin(): void;
}

/** One version in the timeline: who, when, what in words, message, pin, and its actions. */
export function VersionCard({ info, id, version, head, canRestore, canPin, onRestore, onPin, onUnpin }: VersionCardProps) {
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
            <span class="badge badge-pin" title={`pinned by ${version.pin.by}`} aria-label={`pinned: ${version.pin.label}, by ${version.pin.by}`}>
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
          {canPin && (
            <button type="button" class="button button-small" onClick={onPin} aria-label={`${version.pin ? 'Relabel the pin of' : 'Pin'} version ${version.version}`}>
              <Icon name="pin" /> {version.pin ? 'Relabel pin…' : 'Pin…'}
            </button>
          )}
          {canPin && version.pin && (
            <button type="button" class="button button-small button-quiet" onClick={onUnpin} aria-label={`Unpin version ${version.version}`}>
              Unpin
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
