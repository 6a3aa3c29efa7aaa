import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { projectionTable, qb, run, sql } from '#database/query-builder.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { sameJson, type JsonObject } from '#revisions/document/json.js';
import { UniqueValueTakenError } from '#revisions/errors.js';

/**
 * A definition's unique fields (a dashboard's slug) must not repeat among the org's live entities.
 * Checked before a write for a clear 409; a partial unique index catches the race two writers can
 * still run, and the store reports it as the same 409.
 */
@Injectable()
export class UniqueFields {
  constructor(private readonly db: Database) {}

  /** `before`: the entity's state when it was live; undefined for a create or an un-delete. */
  async assertFree(definition: EntityDefinition, org: string, id: string, before: JsonObject | undefined, after: JsonObject): Promise<void> {
    for (const field of definition.uniqueFields) {
      const value = after[field];
      if (value === null || value === undefined || value === '' || (before && sameJson(before[field], value))) continue;
      if ((await run(this.db, valueTaken(definition, field, org, id, value))).length) throw new UniqueValueTakenError(definition.kind, field, value);
    }
  }
}

/** Another live entity of the org that holds `value` in the unique field; the partial unique index covers the same rows. */
export function valueTaken(definition: EntityDefinition, field: string, org: string, id: string, value: unknown) {
  return qb
    .selectFrom(projectionTable(definition.table, 't'))
    .select(sql<number>`1`.as('taken'))
    .where('t.org_id', '=', org)
    .where(sql.ref(`t.${definition.fields[field].column}`), '=', value)
    .where('t.deleted_at', 'is', null)
    .where('t.id', '<>', id)
    .limit(1);
}
