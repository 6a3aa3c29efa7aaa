import type { Json } from '../document/json.js';
import type { ChangeKind } from './change-record.js';

/**
 * How one part of a kind's state is reported in the change log.
 *
 * `path` matches a change's path prefix; `*` matches any one key. Changes under a match are
 * reported once per matched prefix (one record per child, per layout component, per JSON key),
 * with the whole value on each side. With `listKey`, the value at `path` is a list (stored whole)
 * that is compared item by item by that natural key instead of by index.
 */
export interface ChangeRule {
  path: string[];
  kind: ChangeKind | ((from: Json, to: Json) => ChangeKind);
  listKey?: (item: Json) => string;
}
