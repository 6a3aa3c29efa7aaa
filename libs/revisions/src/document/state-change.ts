import type { Json } from './json.js';

export type ChangeOp = 'add' | 'remove' | 'change';

/**
 * One difference between two documents, at the deepest path where they differ. The absent side is
 * `null`. Events store these; folding applies them; the change log classifies them.
 */
export interface StateChange {
  op: ChangeOp;
  path: string[];
  from: Json;
  to: Json;
}
