import type { EntityView } from '../projections/entity-head.js';

export interface WriteResult {
  entity: EntityView;
  /** False when the write changed nothing and appended no version. */
  changed: boolean;
  /** The client's If-Match was stale but its edit did not collide, so it was applied on top. */
  merged: boolean;
  /** Things the write could not bring back (a restore meeting a deleted chart). */
  warnings: string[];
}
