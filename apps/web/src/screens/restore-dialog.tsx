import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Schemas } from '../api/client';
import { diffVersions, listVersions, previewRestore, restoreVersion, type RestorePreview, type VersionItem } from '../api/history';
import { ChangeList } from '../components/change-list';
import { Icon } from '../components/icons';
import { Modal } from '../components/modal';
import { OperationIcon, operationText } from '../components/operation';
import { Time } from '../components/time';
import type { Entity, KindInfo } from '../kinds';
import { FailureNote } from '../components/async';

type Head = Pick<VersionItem, 'versionId' | 'version'>;

type Step =
  | { name: 'preview'; head: Head; preview?: RestorePreview; error?: string }
  | { name: 'saving'; head: Head; preview: RestorePreview; error?: undefined }
  /** 412: someone saved after the preview; show what they changed. */
  | { name: 'conflict'; seen: Head; current: Head; meanwhile: VersionItem[]; changes: Schemas['ChangeRecord'][] };

/** Restore in two steps: a dry-run preview with its warnings, then a confirmed restore on top of the head the preview saw. */
export function RestoreDialog(props: { info: KindInfo; id: string; label: string; version: VersionItem; head: VersionItem; onClose(result?: Entity): void }) {
  const { info, id, label, version, onClose } = props;
  const [step, setStep] = useState<Step>({ name: 'preview', head: props.head });

  const loadPreview = (head: Head) => {
    setStep({ name: 'preview', head });
    previewRestore(info.resource, id, version.versionId).then(
      (preview) => setStep({ name: 'preview', head, preview }),
      (error: Error) => setStep({ name: 'preview', head, error: error.message }),
    );
  };
  useEffect(() => loadPreview(props.head), []);

  const confirm = async (head: Head, preview: RestorePreview) => {
    setStep({ name: 'saving', head, preview });
    try {
      onClose(await restoreVersion(info.resource, id, version.versionId, head.versionId));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 412) return setStep({ name: 'preview', head, preview, error: (error as Error).message });
      const current = error.body.current as { versionId: string; version: number };
      const [diff, page] = await Promise.all([diffVersions(info.resource, id, head.versionId, current.versionId), listVersions(info.resource, id, { limit: 20 })]);
      setStep({ name: 'conflict', seen: head, current, changes: diff.changes, meanwhile: page.items.filter((item) => item.version > head.version) });
    }
  };

  return (
    <Modal title={`Restore version ${version.version} of ${label}`} onClose={() => onClose()}>
      {step.name === 'conflict' ? (
        <Conflict step={step} onReview={() => loadPreview(step.current)} onCancel={() => onClose()} />
      ) : (
        <>
          <p>
            Restoring brings back version {version.version} ({version.actor.id} {operationText(version)}, <Time iso={version.createdAt} />) as a new version. Nothing is lost: the current version stays in
            the history. Owners and tags are not restored.
          </p>
          {!step.preview && !step.error && (
            <p class="muted" role="status">
              Working out what would change…
            </p>
          )}
          {step.preview && <PreviewBody preview={step.preview} undeletes={props.head.operation === 'delete'} />}
          <FailureNote message={step.error} />
          <div class="modal-actions">
            <button type="button" class="button" onClick={() => onClose()}>
              Cancel
            </button>
            <button type="button" class="button button-primary" disabled={!step.preview || step.name === 'saving'} onClick={() => step.preview && confirm(step.head, step.preview)}>
              <Icon name="restore" /> {step.name === 'saving' ? 'Restoring…' : `Restore version ${version.version}`}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

function PreviewBody({ preview, undeletes }: { preview: RestorePreview; undeletes: boolean }) {
  return (
    <div class="preview" aria-live="polite">
      <h3 class="section-title">What changes</h3>
      {undeletes && <p>It comes back out of the trash.</p>}
      {preview.changes.length ? <ChangeList changes={preview.changes} /> : !undeletes && <p class="muted">Nothing: this version is the same as the current one.</p>}
      {preview.warnings.length > 0 && (
        <div class="note note-warning" role="note">
          <h3 class="section-title">
            <Icon name="warning" /> Warnings
          </h3>
          <ul>
            {preview.warnings.map((warning) => (
              <li>{warning.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Conflict({ step, onReview, onCancel }: { step: Extract<Step, { name: 'conflict' }>; onReview(): void; onCancel(): void }) {
  return (
    <div role="alert" class="conflict">
      <p class="note note-warning">
        <Icon name="warning" /> Someone saved this while you were looking: it is now at version {step.current.version}, not {step.seen.version}. Nothing was restored.
      </p>
      <h3 class="section-title">Changed meanwhile</h3>
      <ul class="meanwhile">
        {step.meanwhile.map((item) => (
          <li key={item.versionId}>
            <OperationIcon operation={item.operation} /> v{item.version} <strong>{item.actor.id}</strong> {operationText(item)} <Time iso={item.createdAt} />
            {item.message && <span class="message"> “{item.message}”</span>}
          </li>
        ))}
      </ul>
      <ChangeList changes={step.changes} />
      <div class="modal-actions">
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="button button-primary" onClick={onReview}>
          Review the restore again
        </button>
      </div>
    </div>
  );
}
