import type { Json } from '../document/json.js';
import type { ChangeOp, StateChange } from '../document/state-change.js';

export type ChangeKind = 'field' | 'filter' | 'metric' | 'time_range' | 'color_palette' | 'dimension' | 'column' | 'chart' | 'layout';

/** What a UI renders as "changed time range" or "added filter country". */
export interface ChangeRecord {
  kind: ChangeKind;
  op: ChangeOp;
  path: string[];
  from: Json;
  to: Json;
}

/** Without a classifier every change is a plain field change. */
export function asFieldRecords(changes: readonly StateChange[]): ChangeRecord[] {
  return changes.map((change) => ({ kind: 'field', ...change }));
}
