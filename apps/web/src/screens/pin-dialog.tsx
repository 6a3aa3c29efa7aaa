import { useState } from 'preact/hooks';
import { pinVersion, type VersionItem } from '../api/history';
import { Icon } from '../components/icons';
import { Modal } from '../components/modal';
import type { KindInfo } from '../kinds';
import { FailureNote } from '../components/async';

/** Pin a version with a label (or relabel a pinned one): pinned versions survive retention. */
export function PinDialog({ info, id, version, onClose }: { info: KindInfo; id: string; version: VersionItem; onClose(changed: boolean): void }) {
  const [label, setLabel] = useState(version.pin?.label ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await pinVersion(info.resource, id, version.versionId, label.trim());
      onClose(true);
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal title={`${version.pin ? 'Relabel the pin of' : 'Pin'} version ${version.version}`} onClose={() => onClose(false)}>
      <form onSubmit={submit} class="stack">
        <p>A pinned version is kept when retention prunes old history, and stays easy to find: "Before the Q4 redesign", "Board-approved".</p>
        <label>
          Label
          <input name="label" value={label} maxLength={200} required autoFocus onInput={(event) => setLabel(event.currentTarget.value)} />
        </label>
        <FailureNote message={error} />
        <div class="modal-actions">
          <button type="button" class="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={busy || !label.trim()}>
            <Icon name="pin" /> {version.pin ? 'Save label' : 'Pin version'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
