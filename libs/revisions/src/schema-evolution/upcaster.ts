import type { JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';

/**
 * Lifts data written under schema version n of a kind to version n + 1. Both functions are pure and
 * must agree: applying `changes(c)` to `document(d)` gives `document` of `c` applied to `d`, so that
 * folding lifted events equals lifting the folded state. Stored events are never rewritten; the
 * engine lifts them each time it reads them.
 */
export interface Upcaster {
  /** One line for the guide, errors and `npm run verify` ("renamed name to title"). */
  description: string;
  /** A full document: the state of `Created` and `Baseline` events and of snapshots. */
  document(document: JsonObject): JsonObject;
  /** The field and child changes of one `Updated` or `Restored` event. */
  changes(changes: readonly StateChange[]): StateChange[];
}

/**
 * How a kind's documents evolved: `schemaVersion` is the version this build writes, and
 * `upcasters[n - 1]` lifts version n to n + 1, oldest first (so there are `schemaVersion - 1`).
 */
export interface SchemaEvolution {
  kind: string;
  schemaVersion: number;
  upcasters: readonly Upcaster[];
}

/** Data of a version this build does not know: written by a newer build, or a corrupt row. */
export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly kind: string,
    readonly schemaVersion: number,
    readonly current: number,
  ) {
    super(`${kind} data has schema version ${schemaVersion}; this build reads versions 1 to ${current}`);
  }
}

/** A definition whose upcaster list does not match its schema version is a programming error, caught at start. */
export function assertEvolution({ kind, schemaVersion, upcasters }: SchemaEvolution): void {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new Error(`${kind}: schemaVersion must be a positive integer`);
  if (upcasters.length !== schemaVersion - 1) {
    throw new Error(`${kind}: schemaVersion ${schemaVersion} needs ${schemaVersion - 1} upcasters (one per step), got ${upcasters.length}`);
  }
}
