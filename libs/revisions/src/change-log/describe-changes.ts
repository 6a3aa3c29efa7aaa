import type { EntityDefinition } from '../definition/entity-definition.js';
import type { JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';
import type { ChangeRecord } from './change-record.js';
import { classifyChanges } from './classify-changes.js';

/** Change records of one event, classified by the kind's own rules. */
export function describeChanges(definition: EntityDefinition, changes: readonly StateChange[], before: JsonObject, after: JsonObject): ChangeRecord[] {
  return classifyChanges(definition.changeRules, changes, before, after);
}
