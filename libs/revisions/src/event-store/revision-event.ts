import type { JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';

export type RevisionEventType = 'Created' | 'Updated' | 'Deleted' | 'Restored' | 'Baseline' | 'Imported' | 'Redacted';
export type Operation = 'create' | 'update' | 'delete' | 'restore' | 'baseline' | 'import' | 'redact';

export const operationOf: Record<RevisionEventType, Operation> = {
  Created: 'create',
  Updated: 'update',
  Deleted: 'delete',
  Restored: 'restore',
  Baseline: 'baseline',
  /** A bundle import changed the entity (a first import is `create`). */
  Imported: 'import',
  Redacted: 'redact',
};

export interface RestoredFrom {
  version: number;
  versionId: string;
}

export interface RevisionMetadata {
  actor: { id: string };
  org: string;
  commandId?: string;
  /** Fingerprint of the input that command carried (an HTTP request's hash). */
  requestHash?: string;
  correlationId?: string;
  restoredFrom?: RestoredFrom;
  message?: string;
  /** A restore's warnings (what it could not bring back), as its caller was told. */
  warnings?: { code: string; message: string; ids: string[] }[];
}

/** `Created` and `Baseline` carry the full state; the others carry only what changed. */
export type RevisionEventData =
  | { type: 'Created'; data: { state: JsonObject } }
  | { type: 'Baseline'; data: { state: JsonObject; createdAt: string; createdBy: string; deletedAt: string | null; prunedSince?: string | null } }
  | { type: 'Updated' | 'Restored' | 'Imported'; data: { changes: StateChange[] } }
  | { type: 'Deleted'; data: Record<string, never> }
  /** Values were replaced by "[redacted]" in this stream's history: who (the actor), why, how many. */
  | { type: 'Redacted'; data: { reason: string; values: number } };

export type RevisionEvent = RevisionEventData & {
  position: string;
  streamKind: string;
  streamId: string;
  version: number;
  versionId: string;
  metadata: RevisionMetadata;
  recordedAt: string;
  /** The kind's schema version the data is in: the stored one, or the current one once read. */
  schemaVersion: number;
};

/** An event about to be appended: the store assigns its position, and writes the definition's current schema version. */
export type NewRevisionEvent = Omit<RevisionEvent, 'position' | 'schemaVersion'>;
