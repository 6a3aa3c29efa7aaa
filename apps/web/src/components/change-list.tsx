import type { Schemas } from '../api/client';
import { describeChange } from '../changes/describe-change';
import { labelOf } from '../labels';
import { Icon } from './icons';

const OP_NAMES = { add: 'added', remove: 'removed', change: 'changed' } as const;

/** Change records as sentences, each with its kind's icon. */
export function ChangeList({ changes, limit, empty = 'No field changed.' }: { changes: Schemas['ChangeRecord'][]; limit?: number; empty?: string }) {
  if (!changes.length) return <p class="muted small">{empty}</p>;
  const shown = limit ? changes.slice(0, limit) : changes;
  return (
    <ul class="changes">
      {shown.map((change) => {
        const words = describeChange(change, { chartName: labelOf });
        return (
          <li class={`change change-${words.op}`}>
            <span class={`change-icon kind-${words.icon}`} title={`${words.icon.replace('_', ' ')} ${OP_NAMES[words.op]}`}>
              <Icon name={words.icon} size={14} />
            </span>
            <span class="change-text">
              {words.text}
              {words.detail && <span class="change-detail">{words.detail}</span>}
            </span>
          </li>
        );
      })}
      {limit && changes.length > limit && <li class="muted small more">and {changes.length - limit} more changes</li>}
    </ul>
  );
}
