import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { StateChange } from '#revisions/document/state-change.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import type { ResourceMapping, StoredDatabase } from '../mappings/resource-mappings.js';
import type { PlannedEvent } from './plan-history.js';

export type ImportAction = 'create' | 'update' | 'unchanged';

/** What importing one entity of a bundle does. */
export interface PlannedEntity {
  entityKind: string;
  sourceUuid: string;
  id: string;
  file: string;
  action: ImportAction;
  /** The versioned state after the import. */
  document: JsonObject;
  cached: JsonObject;
  /** The current head of an entity the bundle updates. */
  head?: EntityHead;
  changes: StateChange[];
  records: ChangeRecord[];
  warnings: string[];
  /** A history bundle's events for a new entity: appended again instead of a single create. */
  history?: PlannedEvent[];
}

export interface ImportPlan {
  org: string;
  source: string;
  entities: PlannedEntity[];
  databases: StoredDatabase[];
  mappings: ResourceMapping[];
  warnings: string[];
}

/** The answer of an import or its dry run. */
export interface ImportResult {
  items: { entityKind: string; sourceUuid: string; id: string; action: ImportAction; changes: ChangeRecord[]; warnings: string[] }[];
  warnings: string[];
}

export function toImportResult(plan: ImportPlan): ImportResult {
  return {
    items: plan.entities.map(({ entityKind, sourceUuid, id, action, records, warnings }) => ({ entityKind, sourceUuid, id, action, changes: records, warnings })),
    warnings: plan.warnings,
  };
}
