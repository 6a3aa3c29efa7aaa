import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import type { JsonObject } from '../document/json.js';
import { ident } from '../event-store/sql-fragments.js';

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
      const via = ident(user.fields[spec.usedBy.via].column);
      const searched = ident(user.fields[spec.usedBy.in].column);
      const users = await this.db.query<{ id: string; keys: string[] }>(
        `select u.id, array(select k from unnest($3::text[]) k where jsonb_path_exists(u.${searched}, 'strict $.** ? (@ == $k)', jsonb_build_object('k', k))) as keys
         from ${ident(user.table)} u where u.org_id = $1 and u.${via} = $2 and u.deleted_at is null order by u.id`,
        [org, id, removed],
      );
      const using = users.filter((row) => row.keys.length > 0);
      if (using.length) found.push({ collection: name, kind: user.kind, users: using });
    }
    return found;
  }
}
