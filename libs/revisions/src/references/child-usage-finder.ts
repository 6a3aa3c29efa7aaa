import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { projectionTable, qb, run, sql } from '#database/query-builder.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import type { JsonObject } from '../document/json.js';

export interface ChildUsageFound {
  collection: string;
  kind: string;
  /** Live entities naming at least one removed child, with the keys they name. */
  users: { id: string; keys: string[] }[];
}

/**
 * Which live entities still name children that a write removes: one query per collection, a
 * JSON path search for each removed key anywhere in the user's JSON field.
 */
@Injectable()
export class ChildUsageFinder {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
  ) {}

  async find(definition: EntityDefinition, org: string, id: string, before: JsonObject, after: JsonObject): Promise<ChildUsageFound[]> {
    const found: ChildUsageFound[] = [];
    for (const [name, spec] of Object.entries(definition.collections)) {
      if (!spec.usedBy) continue;
      const removed = Object.keys((before[name] ?? {}) as JsonObject).filter((key) => !(key in ((after[name] ?? {}) as JsonObject)));
      if (removed.length === 0) continue;
      const user = this.definitions.get(spec.usedBy.kind);
      const users = await run(this.db, usersNaming(user, spec.usedBy, org, id, removed));
      const using = users.filter((row) => row.keys.length > 0);
      if (using.length) found.push({ collection: name, kind: user.kind, users: using });
    }
    return found;
  }
}

/**
 * Live entities of the user kind that point at entity `id` through the `via` field, each with the
 * removed keys found anywhere in its `in` JSON field.
 */
export function usersNaming(user: EntityDefinition, usedBy: { via: string; in: string }, org: string, id: string, removed: string[]) {
  const searched = sql.ref(`u.${user.fields[usedBy.in].column}`);
  return qb
    .selectFrom(projectionTable(user.table, 'u'))
    .select('u.id')
    .select(sql<string[]>`array(select k from unnest(${removed}::text[]) k where jsonb_path_exists(${searched}, 'strict $.** ? (@ == $k)', jsonb_build_object('k', k)))`.as('keys'))
    .where('u.org_id', '=', org)
    .where(sql.ref(`u.${user.fields[usedBy.via].column}`), '=', id)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.id');
}
