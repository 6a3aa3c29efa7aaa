import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { diffEntity, documentToApi, emptyDocument } from '#revisions/definition/entity-document.js';
import { applyChanges } from '#revisions/document/apply-changes.js';
import { isJsonObject, type JsonObject } from '#revisions/document/json.js';
import type { StateChange } from '#revisions/document/state-change.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { resolveEntityInput } from '#revisions/validation/validate-entity-input.js';
import { BundleRejectedError, rejectBundle } from '../bundle-errors.js';
import type { HistoryFile } from '../superset/read-bundle.js';
import { liftHistoryLine } from './lift-history-line.js';

/** One event of a history bundle, ready to append again under the new id. */
export interface PlannedEvent {
  version: number;
  type: 'Created' | 'Updated' | 'Imported' | 'Restored' | 'Deleted';
  /** The full state of a `Created` event. */
  state?: JsonObject;
  changes: StateChange[];
  actorId: string;
  at: string;
  message?: string;
  restoredFromVersion?: number;
}

const CHANGE_TYPES = new Set(['Updated', 'Imported', 'Restored']);

/**
 * Reads a stream's history with the source's ids replaced by the target's (`rename` works on JSON
 * text: ids are uuids, so every occurrence, keys and nested values included, is one). Each state
 * the history passes through is checked by the definition, so a history bundle cannot bring in what
 * a save could not. Returns the events and what separates their end from the bundle's YAML.
 */
export async function planHistory(definition: EntityDefinition, history: HistoryFile, rename: (json: string) => string, finalDocument: JsonObject) {
  const events: PlannedEvent[] = [];
  let state: JsonObject | undefined;
  for (const [index, raw] of history.events.entries()) {
    const line = `line ${index + 1}`;
    const event = liftHistoryLine(definition, history.file, line, JSON.parse(rename(JSON.stringify(raw))) as JsonObject);
    const { version, type, data, actor, recordedAt } = event;
    if (version !== index + 1) rejectBundle(history.file, `${line}: version must be ${index + 1} (histories start at their creation)`);
    if (!isJsonObject(actor) || typeof actor.id !== 'string' || !actor.id) rejectBundle(history.file, `${line}: actor.id is required`);
    if (typeof recordedAt !== 'string' || Number.isNaN(Date.parse(recordedAt))) rejectBundle(history.file, `${line}: recordedAt must be a timestamp`);
    if (!isJsonObject(data)) rejectBundle(history.file, `${line}: data must be an object`);
    const planned: PlannedEvent = { version, type: type as PlannedEvent['type'], changes: [], actorId: actor.id, at: new Date(recordedAt).toISOString() };
    if (typeof event.message === 'string') planned.message = event.message;
    if (index === 0) {
      if (type !== 'Created' || !isJsonObject(data.state)) rejectBundle(history.file, `${line}: a history starts with a Created event carrying the state`);
      planned.state = await checked(definition, history.file, line, data.state);
      state = planned.state;
    } else if (CHANGE_TYPES.has(String(type))) {
      if (!Array.isArray(data.changes)) rejectBundle(history.file, `${line}: data.changes must be a list`);
      planned.changes = data.changes as unknown as StateChange[];
      state = await checked(definition, history.file, line, applyChanges(state!, planned.changes));
      if (type === 'Restored' && isJsonObject(event.restoredFrom) && typeof event.restoredFrom.version === 'number') planned.restoredFromVersion = event.restoredFrom.version;
    } else if (type !== 'Deleted') {
      rejectBundle(history.file, `${line}: type ${String(type)} cannot be imported`);
    }
    events.push(planned);
  }
  if (!state) rejectBundle(history.file, 'the history is empty');
  // Owners come from the history (the YAML never names them); the rest from the YAML.
  return { events, finalDiff: diffEntity(definition, state, { ...finalDocument, owners: state.owners }) };
}

/** The state, validated as a save of it would be; a bad one refuses the bundle, naming file and line. */
async function checked(definition: EntityDefinition, file: string, line: string, state: JsonObject): Promise<JsonObject> {
  try {
    return (await resolveEntityInput(definition, emptyDocument(definition), documentToApi(definition, state))).document;
  } catch (error) {
    if (error instanceof ValidationFailedError) throw new BundleRejectedError(error.problems.map((problem) => `${file}: ${line}: ${problem}`));
    throw error;
  }
}
