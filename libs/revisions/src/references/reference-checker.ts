import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { compileOnce, projectionTable, qb, run, sql, type Compilable } from '#database/query-builder.js';
import type { EntityDefinition, ReferenceSpec } from '../definition/entity-definition.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import type { JsonObject } from '../document/json.js';
import { ValidationFailedError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids a save adds must be live entities of the caller's org: one query per referenced field, not
 * per id. Ids already present before the save are not re-checked, so deleting a chart never blocks
 * edits of the dashboards that showed it.
 */
@Injectable()
export class ReferenceChecker {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
  ) {}

  async assertLive(definition: EntityDefinition, org: string, before: JsonObject | undefined, after: JsonObject): Promise<void> {
    const problems = (await this.findDead(definition, org, before, after)).flatMap(({ reference, ids }) =>
      ids.map((id) => `${reference.field}: ${reference.kind} ${id} does not exist in this organization`),
    );
    if (problems.length) throw new ValidationFailedError(problems);
  }

  /** Per reference field, the ids `after` adds that are not live entities of the org. */
  async findDead(definition: EntityDefinition, org: string, before: JsonObject | undefined, after: JsonObject): Promise<{ reference: ReferenceSpec; ids: string[] }[]> {
    const dead: { reference: ReferenceSpec; ids: string[] }[] = [];
    for (const reference of definition.references) {
      const known = new Set(before ? reference.ids(before) : []);
      const added = [...new Set(reference.ids(after))].filter((id) => !known.has(id));
      if (added.length === 0) continue;
      const found = await this.findLive(reference.kind, org, added.filter((id) => UUID.test(id)));
      const missing = added.filter((candidate) => !found.has(candidate.toLowerCase()));
      if (missing.length) dead.push({ reference, ids: missing });
    }
    return dead;
  }

  /**
   * `document` without references to entities purged for good (no row left at all): a save of a
   * dashboard that still names a purged chart drops the dead reference, as a restore does. One
   * query per referenced kind, and none when the document references nothing.
   */
  async dropPurged(definition: EntityDefinition, org: string, before: JsonObject, document: JsonObject): Promise<JsonObject> {
    const droppable = definition.references.filter((reference) => reference.drop);
    let result = document;
    for (const kind of new Set(droppable.map((reference) => reference.kind))) {
      const ofKind = droppable.filter((reference) => reference.kind === kind);
      // Only ids the entity already held: a new unknown id is the caller's mistake (a 400 below).
      const held = new Set(ofKind.flatMap((reference) => reference.ids(before)));
      const ids = [...new Set(ofKind.flatMap((reference) => reference.ids(document)))].filter((id) => held.has(id) && UUID.test(id));
      if (ids.length === 0) continue;
      const rows = await run(this.db, lookupsOf(this.definitions.get(kind)).all(org, ids));
      const existing = new Set(rows.map((row) => row.id));
      const purged = new Set(ids.filter((id) => !existing.has(id.toLowerCase())));
      if (purged.size) for (const reference of ofKind) result = reference.drop!(result, purged);
    }
    return result;
  }

  private async findLive(kind: string, org: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await run(this.db, lookupsOf(this.definitions.get(kind)).live(org, ids));
    return new Set(rows.map((row) => row.id));
  }
}

/** The entities of the org among `ids`, deleted or not (rows stay until a purge). */
export const entitiesAmong = (definition: EntityDefinition, org: string, ids: string[]) =>
  qb
    .selectFrom(projectionTable(definition.table, 't'))
    .select('t.id')
    .where('t.org_id', '=', org)
    .where((eb) => eb('t.id', '=', eb.fn.any(sql<string[]>`${ids}::uuid[]`)));

/** The live (not deleted) entities of the org among `ids`. */
export const liveEntitiesAmong = (definition: EntityDefinition, org: string, ids: string[]) => entitiesAmong(definition, org, ids).where('t.deleted_at', 'is', null);

/** Both lookups of a kind, compiled once: a save that adds references runs one. */
type Lookup = (org: string, ids: string[]) => Compilable<{ id: string }>;
const lookups = new WeakMap<EntityDefinition, { all: Lookup; live: Lookup }>();

function lookupsOf(definition: EntityDefinition) {
  let found = lookups.get(definition);
  if (!found) {
    found = {
      all: compileOnce((org: string, ids: string[]) => entitiesAmong(definition, org, ids)),
      live: compileOnce((org: string, ids: string[]) => liveEntitiesAmong(definition, org, ids)),
    };
    lookups.set(definition, found);
  }
  return found;
}
