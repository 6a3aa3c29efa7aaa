import type { EntityDefinition } from '../definition/entity-definition.js';
import { upcastChangeRecords } from '../schema-evolution/upcast.js';
import type { ChangeRecord } from './change-record.js';
import { classifyRecord } from './classify-changes.js';

/**
 * Stored change records of an event written under `schemaVersion`, as the current definition
 * reports them. Records are upcast on read rather than re-derived (docs/schema-evolution.md):
 * per row, without a fold, and with the same upcasters as their events. A rebuild re-derives them.
 */
export function currentChangeRecords(definition: EntityDefinition, records: ChangeRecord[], schemaVersion: number): ChangeRecord[] {
  return upcastChangeRecords(definition, records, schemaVersion, (change) => classifyRecord(definition.changeRules, change));
}
