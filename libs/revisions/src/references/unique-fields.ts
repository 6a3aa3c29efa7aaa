import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { sameJson, type JsonObject } from '#revisions/document/json.js';
import { UniqueValueTakenError } from '#revisions/errors.js';
import { ident } from '#revisions/event-store/sql-fragments.js';

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
      const column = ident(definition.fields[field].column);
      const rows = await this.db.query(`select 1 from ${ident(definition.table)} where org_id = $1 and ${column} = $2 and deleted_at is null and id <> $3 limit 1`, [org, value, id]);
      if (rows.length) throw new UniqueValueTakenError(definition.kind, field, value);
    }
  }
}
