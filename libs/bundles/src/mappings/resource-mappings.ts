import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { qb, run, sql } from '#database/query-builder.js';
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

const now = sql<string>`now()`;

/** The mappings of the given (kind, source uuid) pairs: arrays unnested side by side, one row per pair. */
function mappingsOf(org: string, source: string, wanted: { kind: string; sourceUuid: string }[]) {
  const pairs = qb.selectNoFrom([
    sql<string>`unnest(${wanted.map((w) => w.kind)}::text[])`.as('kind'),
    sql<string>`unnest(${wanted.map((w) => w.sourceUuid)}::uuid[])`.as('uuid'),
  ]);
  return qb
    .with('w', () => pairs)
    .selectFrom('resource_mappings as m')
    .innerJoin('w', (join) => join.onRef('m.entity_kind', '=', 'w.kind').onRef('m.source_uuid', '=', 'w.uuid'))
    .select(['m.entity_kind', 'm.source_uuid', 'm.rewind_id'])
    .where('m.org_id', '=', org)
    .where('m.source', '=', source);
}

/** Each mapping once; one that names another Rewind id than before is moved, an unchanged one left alone. */
function saveMappings(org: string, source: string, mappings: ResourceMapping[]) {
  const rows = qb.selectNoFrom([
    sql<string>`${org}::text`.as('org_id'),
    sql<string>`${source}::text`.as('source'),
    sql<string>`unnest(${mappings.map((m) => m.kind)}::text[])`.as('entity_kind'),
    sql<string>`unnest(${mappings.map((m) => m.sourceUuid)}::uuid[])`.as('source_uuid'),
    sql<string>`unnest(${mappings.map((m) => m.rewindId)}::uuid[])`.as('rewind_id'),
  ]);
  return qb
    .insertInto('resource_mappings')
    .columns(['org_id', 'source', 'entity_kind', 'source_uuid', 'rewind_id'])
    .expression(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'source', 'entity_kind', 'source_uuid'])
        .doUpdateSet((eb) => ({ rewind_id: eb.ref('excluded.rewind_id'), updated_at: now }))
        .whereRef('resource_mappings.rewind_id', '<>', 'excluded.rewind_id'),
    );
}

/** `resource_mappings` (source uuid → Rewind id per org and source) and the databases bundles name. */
@Injectable()
export class ResourceMappings {
  constructor(private readonly db: Database) {}

  /** `kind:sourceUuid` → Rewind id, for the given source uuids of an org and source. */
  async find(org: string, source: string, wanted: { kind: string; sourceUuid: string }[]): Promise<Map<string, string>> {
    if (wanted.length === 0) return new Map();
    const rows = await run(this.db, mappingsOf(org, source, wanted));
    return new Map(rows.map((row) => [`${row.entity_kind}:${row.source_uuid}`, row.rewind_id]));
  }

  async save(org: string, source: string, mappings: ResourceMapping[]): Promise<void> {
    if (mappings.length === 0) return;
    await run(this.db, saveMappings(org, source, mappings));
  }

  async databasesByName(org: string, names: string[]): Promise<Map<string, StoredDatabase>> {
    if (names.length === 0) return new Map();
    const named = qb
      .selectFrom('bundle_databases')
      .select(['id', 'database_name', 'config'])
      .where('org_id', '=', org)
      .where((eb) => eb('database_name', '=', eb.fn.any(sql<string[]>`${names}::text[]`)));
    const rows = await run(this.db, named);
    return new Map(rows.map((row) => [row.database_name, { id: row.id, name: row.database_name, config: row.config as JsonObject }]));
  }

  async databaseNamesById(org: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const byId = qb
      .selectFrom('bundle_databases')
      .select(['id', 'database_name'])
      .where('org_id', '=', org)
      .where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`${ids}::uuid[]`)));
    const rows = await run(this.db, byId);
    return new Map(rows.map((row) => [row.id, row.database_name]));
  }

  /** Inserts or replaces the connection YAML of each database, keyed by name within the org. */
  async saveDatabases(org: string, databases: StoredDatabase[]): Promise<void> {
    for (const database of databases) {
      const upsert = qb
        .insertInto('bundle_databases')
        .values({ id: database.id, org_id: org, database_name: database.name, config: JSON.stringify(database.config) })
        .onConflict((conflict) =>
          conflict
            .columns(['org_id', 'database_name'])
            .doUpdateSet((eb) => ({ config: eb.ref('excluded.config'), updated_at: now }))
            .whereRef('bundle_databases.config', '<>', 'excluded.config'),
        );
      await run(this.db, upsert);
    }
  }
}
