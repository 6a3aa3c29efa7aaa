import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import type { JsonObject } from '#revisions/document/json.js';

export interface ResourceMapping {
  kind: string;
  sourceUuid: string;
  rewindId: string;
}

export interface StoredDatabase {
  id: string;
  name: string;
  config: JsonObject;
}

/** `resource_mappings` (source uuid → Rewind id per org and source) and the databases bundles name. */
@Injectable()
export class ResourceMappings {
  constructor(private readonly db: Database) {}

  /** `kind:sourceUuid` → Rewind id, for the given source uuids of an org and source. */
  async find(org: string, source: string, wanted: { kind: string; sourceUuid: string }[]): Promise<Map<string, string>> {
    if (wanted.length === 0) return new Map();
    const rows = await this.db.query<{ entity_kind: string; source_uuid: string; rewind_id: string }>(
      `select m.entity_kind, m.source_uuid, m.rewind_id from resource_mappings m
       join unnest($3::text[], $4::uuid[]) as w(kind, uuid) on m.entity_kind = w.kind and m.source_uuid = w.uuid
       where m.org_id = $1 and m.source = $2`,
      [org, source, wanted.map((w) => w.kind), wanted.map((w) => w.sourceUuid)],
    );
    return new Map(rows.map((row) => [`${row.entity_kind}:${row.source_uuid}`, row.rewind_id]));
  }

  async save(org: string, source: string, mappings: ResourceMapping[]): Promise<void> {
    if (mappings.length === 0) return;
    await this.db.query(
      `insert into resource_mappings (org_id, source, entity_kind, source_uuid, rewind_id)
       select $1, $2, m.kind, m.uuid, m.id from unnest($3::text[], $4::uuid[], $5::uuid[]) as m(kind, uuid, id)
       on conflict (org_id, source, entity_kind, source_uuid) do update set rewind_id = excluded.rewind_id, updated_at = now()
       where resource_mappings.rewind_id <> excluded.rewind_id`,
      [org, source, mappings.map((m) => m.kind), mappings.map((m) => m.sourceUuid), mappings.map((m) => m.rewindId)],
    );
  }

  async databasesByName(org: string, names: string[]): Promise<Map<string, StoredDatabase>> {
    if (names.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; database_name: string; config: JsonObject }>(
      'select id, database_name, config from bundle_databases where org_id = $1 and database_name = any($2::text[])',
      [org, names],
    );
    return new Map(rows.map((row) => [row.database_name, { id: row.id, name: row.database_name, config: row.config }]));
  }

  async databaseNamesById(org: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; database_name: string }>('select id, database_name from bundle_databases where org_id = $1 and id = any($2::uuid[])', [org, ids]);
    return new Map(rows.map((row) => [row.id, row.database_name]));
  }

  /** Inserts or replaces the connection YAML of each database, keyed by name within the org. */
  async saveDatabases(org: string, databases: StoredDatabase[]): Promise<void> {
    for (const database of databases) {
      await this.db.query(
        `insert into bundle_databases (id, org_id, database_name, config) values ($1, $2, $3, $4)
         on conflict (org_id, database_name) do update set config = excluded.config, updated_at = now()
         where bundle_databases.config <> excluded.config`,
        [database.id, org, database.name, JSON.stringify(database.config)],
      );
    }
  }
}
