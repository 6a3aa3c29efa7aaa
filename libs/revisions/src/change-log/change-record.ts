import type { Json } from '../document/json.js';
import type { ChangeOp } from '../document/state-change.js';

export const CHANGE_KINDS = ['field', 'filter', 'metric', 'time_range', 'color_palette', 'dimension', 'column', 'chart', 'layout'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What a UI renders as "changed time range" or "added filter country". */
export interface ChangeRecord {
  kind: ChangeKind;
  op: ChangeOp;
  path: string[];
  from: Json;
  to: Json;
}
