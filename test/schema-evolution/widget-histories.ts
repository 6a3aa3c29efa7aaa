import fc from 'fast-check';
import type { Json, JsonObject } from '#revisions/document/json.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from '#revisions/commands/delete-entity/delete-entity.command.js';
import { RestoreVersionCommand } from '#revisions/commands/restore-version/restore-version.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import type { WidgetEngine } from './widget-engine.js';

/** Random widget histories written under schema v1 (`name`, `color`, tiles keyed by slot) or v2 (`title`). */
const label = fc.constantFrom('Sales', 'Ops', 'Q3 review', 'Ünïcode ✓', 'x');
const smallJson: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(null, '', 0, 1, true, 'Last week', 'No filter'), fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom(1, 'x'), { maxKeys: 2, noNullPrototype: true }));
const tile = fc.record({ slot: fc.constantFrom('1', '2', '3', '4'), size: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), label: fc.option(label, { nil: null }) });
const fieldsV1 = {
  name: label,
  color: fc.option(fc.constantFrom('red', 'blue', 'green', ''), { nil: null }),
  options: fc.dictionary(fc.constantFrom('time_range', 'a', 'b'), smallJson, { maxKeys: 3, noNullPrototype: true }),
  tiles: fc.uniqueArray(tile, { selector: (t) => t.slot, maxLength: 4 }),
};

export type Step = { save: JsonObject } | { delete: true } | { restore: number };
const step = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }).map((save) => ({ save: save as JsonObject })) },
    { weight: 1, arbitrary: fc.constant({ delete: true as const }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 0.999, noNaN: true }).map((restore) => ({ restore })) },
  );

export const historyV1 = fc.record({ created: fc.record(fieldsV1, { requiredKeys: ['name'] }), steps: fc.array(step(fieldsV1), { minLength: 1, maxLength: 8 }) });
const { name: _name, ...rest } = fieldsV1;
export const stepsV2 = fc.array(step({ ...rest, title: label }), { minLength: 1, maxLength: 4 });

/** Runs `steps` on one widget; a save or delete of a deleted widget is skipped, a restore revives it. */
export async function runSteps(engine: WidgetEngine, id: string, steps: Step[]): Promise<void> {
  const context = { actor: engine.actor };
  for (const next of steps) {
    const head = await engine.queries.execute(new GetVersionQuery('widget', id, versionIdOf(id, await headVersion(engine, id)), engine.actor));
    const deleted = head.operation === 'delete';
    if ('save' in next && !deleted) await engine.commands.execute(new SaveEntityCommand('widget', id, next.save, 'partial', context));
    else if ('delete' in next && !deleted) await engine.commands.execute(new DeleteEntityCommand('widget', id, context));
    else if ('restore' in next) {
      const version = 1 + Math.floor(next.restore * head.version);
      await engine.commands.execute(new RestoreVersionCommand('widget', id, versionIdOf(id, version), context));
    }
  }
}

export async function createWidget(engine: WidgetEngine, input: object): Promise<string> {
  return (await engine.commands.execute(new CreateEntityCommand('widget', input, { actor: engine.actor }))).id;
}

/** The head version, deleted widgets included. */
export async function headVersion(engine: WidgetEngine, id: string): Promise<number> {
  const [row] = await engine.db.query<{ version: number }>('select max(version) as version from revision_events where stream_id = $1', [id]);
  return row.version;
}

/** The versioned fields of every version of a widget, as the engine reads them now. */
export async function readAllVersions(engine: WidgetEngine, id: string, from = 1): Promise<Map<number, JsonObject>> {
  const states = new Map<number, JsonObject>();
  for (let version = from; version <= (await headVersion(engine, id)); version++) {
    states.set(version, documentFields((await engine.queries.execute(new GetVersionQuery('widget', id, versionIdOf(id, version), engine.actor))).state));
  }
  return states;
}

/** An entity's versioned fields: audit fields dropped. */
export function documentFields(state: JsonObject): JsonObject {
  const { id: _id, version: _v, versionId: _vid, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...fields } = state;
  return fields;
}

export async function currentFields(engine: WidgetEngine, id: string): Promise<JsonObject> {
  return documentFields(await engine.queries.execute(new GetEntityQuery('widget', id, engine.actor)));
}

/** API state written under v1 or v2, as v3 shows it: written by hand, independently of the upcasters. */
export function upgradeApiState(state: JsonObject, schemaVersion: 1 | 2): JsonObject {
  const { name, title, color, tiles, ...rest } = state;
  return {
    ...rest,
    title: (schemaVersion === 1 ? name : title) ?? null,
    appearance: { color: color ?? null },
    tiles: (tiles as JsonObject[]).map(({ slot, ...tileRest }) => ({ tileKey: `tile-${slot as string}`, ...tileRest })),
  };
}
