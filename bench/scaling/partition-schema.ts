import type pg from 'pg';

/** Two scratch copies of the event store: as it is, and range-partitioned by month of `recorded_at`. */
export const PLAIN = 'scaling_plain';
export const PARTITIONED = 'scaling_part';

/** How the partitioned copy is laid out: `months` of history ending before the current month, plus the current one. */
export interface MonthlyLayout {
  /** First instant of the oldest month (UTC). */
  base: Date;
  months: number;
}

export const monthStart = (base: Date, offset: number) => new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + offset, 1));
export const partitionName = (table: string, month: number) => `${table}_m${month}`;

/** The live schema's indexes on `table`, re-pointed at `schema`; unique ones made plain where `unique` is false. */
async function copiedIndexes(db: pg.Pool, table: string, schema: string, unique: boolean): Promise<string[]> {
  const { rows } = await db.query<{ indexdef: string; primary: boolean }>(
    `select pg_get_indexdef(i.indexrelid) as indexdef, i.indisprimary as primary
     from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = 'public' and t.relname = $1`,
    [table],
  );
  return rows
    .filter((row) => !row.primary)
    .map((row) => row.indexdef.replace(` ON public.${table} `, ` ON ${schema}.${table} `))
    .map((definition) => (unique ? definition : definition.replace(/^CREATE UNIQUE INDEX/, 'CREATE INDEX')));
}

/**
 * The plain copy has every column, default, identity and index of the live tables and the change
 * log's ON DELETE CASCADE foreign key. The partitioned copy cannot keep a unique key without the
 * partition key in it, so (stream, version), version id and command id become plain indexes, the
 * primary keys gain `recorded_at`, and the change log is partitioned the same way. The plain
 * copy's foreign key comes after the seed (`seedHistory`).
 */
export async function createScratchSchemas(db: pg.Pool, layout: MonthlyLayout): Promise<void> {
  await db.query(`drop schema if exists ${PLAIN} cascade; drop schema if exists ${PARTITIONED} cascade; create schema ${PLAIN}; create schema ${PARTITIONED}`);
  await db.query(`create table ${PLAIN}.revision_events (like public.revision_events including all)`);
  await db.query(`create table ${PLAIN}.revision_changes (like public.revision_changes including all)`);
  // LIKE … INCLUDING ALL copies every index, the primary key and unique constraints among them.

  await db.query(`create table ${PARTITIONED}.revision_events (like public.revision_events including defaults including identity) partition by range (recorded_at)`);
  await db.query(`alter table ${PARTITIONED}.revision_events add ${withRecordedAt(await liveConstraint(db, 'revision_events', 'p'))}`);
  await db.query(`create table ${PARTITIONED}.revision_changes (like public.revision_changes including defaults) partition by range (recorded_at)`);
  await db.query(`alter table ${PARTITIONED}.revision_changes add ${withRecordedAt(await liveConstraint(db, 'revision_changes', 'p'))}`);
  for (const table of ['revision_events', 'revision_changes']) {
    for (let month = 0; month <= layout.months; month++) {
      await db.query(`create table ${PARTITIONED}.${partitionName(table, month)} partition of ${PARTITIONED}.${table}
                      for values from ('${monthStart(layout.base, month).toISOString()}') to ('${monthStart(layout.base, month + 1).toISOString()}')`);
    }
    for (const definition of await copiedIndexes(db, table, PARTITIONED, false)) await db.query(definition);
  }
}

/**
 * `streams` dashboards of `versions` versions each, spread evenly over the layout's past months
 * (every stream has versions in every month), with three change rows per update, like a
 * three-field save. Written to the plain copy in statements of `perStatement` streams, then copied
 * into the partitioned one.
 */
export async function seedHistory(db: pg.Pool, layout: MonthlyLayout, streams: number, versions: number, log: (line: string) => void): Promise<void> {
  const perStatement = Math.max(1, Math.floor(100_000 / versions));
  const spanSeconds = (monthStart(layout.base, layout.months).getTime() - layout.base.getTime()) / 1000 - 3600;
  const seed = seedStatement(await hasOrgColumn(db));
  for (let done = 0; done < streams; done += perStatement) {
    await db.query(seed, [Math.min(perStatement, streams - done), versions, layout.base.toISOString(), spanSeconds]);
    if (((done / perStatement) | 0) % 2 === 1) log(`  seeded ${Math.min(streams, done + perStatement) * versions} events`);
  }
  await db.query(`insert into ${PARTITIONED}.revision_events overriding system value select * from ${PLAIN}.revision_events`);
  await db.query(`insert into ${PARTITIONED}.revision_changes select * from ${PLAIN}.revision_changes`);
  // The change log's ON DELETE CASCADE key, added once the rows are in (one validating scan, not a check per row).
  const foreignKey = await liveConstraint(db, 'revision_changes', 'f');
  await db.query(`alter table ${PLAIN}.revision_changes add ${foreignKey.replace(/REFERENCES (public\.)?revision_events\(/, `REFERENCES ${PLAIN}.revision_events(`)}`);
  // None on the partitioned copy: its change rows go with their events' month, partition by partition.
  // (With the key, DETACH of an event partition must prove no change row refers to it, and under
  // concurrent saves it deadlocked with them: see docs/scaling.md.)
  for (const schema of [PLAIN, PARTITIONED]) {
    for (const table of ['revision_events', 'revision_changes']) await db.query(`vacuum analyze ${schema}.${table}`);
  }
}

/** Whether the live event store carries `org_id` in its own column (its keys then include it). */
export async function hasOrgColumn(db: pg.Pool): Promise<boolean> {
  const { rowCount } = await db.query(`select 1 from information_schema.columns where table_schema = 'public' and table_name = 'revision_events' and column_name = 'org_id'`);
  return rowCount === 1;
}

/** The live table's primary key ('p') or its foreign key to revision_events ('f'), as SQL. */
async function liveConstraint(db: pg.Pool, table: string, type: 'p' | 'f'): Promise<string> {
  const { rows } = await db.query<{ definition: string }>(
    `select pg_get_constraintdef(c.oid) as definition from pg_constraint c
     where c.conrelid = ('public.' || $1)::regclass and c.contype = $2 and ($2 = 'p' or c.confrelid = 'public.revision_events'::regclass)`,
    [table, type],
  );
  if (rows.length !== 1) throw new Error(`expected one ${type} constraint on ${table}, found ${rows.length}`);
  return rows[0].definition;
}

/** A key with the partition key added to its column list, as partitioned tables require. */
const withRecordedAt = (definition: string) => definition.replace(/\(([^)]*)\)/g, '($1, recorded_at)');

/** $1 streams, $2 versions per stream, $3 first instant, $4 seconds the history spans. */
const seedStatement = (withOrg: boolean) => `
  with streams as (select gen_random_uuid() as id, 'org-' || (hashtext(gen_random_uuid()::text) & 7) as org, random() as phase from generate_series(1, $1::int)),
  events as (
    insert into ${PLAIN}.revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at${withOrg ? ', org_id' : ''})
    select 'dashboard', s.id, v, md5(s.id::text || ':' || v)::uuid,
           case when v = 1 then 'Created' else 'Updated' end,
           jsonb_build_object('changes', (select jsonb_agg(jsonb_build_object('op', 'change', 'path', jsonb_build_array(f),
             'from', 'Sales overview, revision ' || (v - 1), 'to', 'Sales overview, revision ' || v)) from unnest(array['title', 'description', 'css']) f)),
           jsonb_build_object('actor', jsonb_build_object('id', 'user-' || (v % 17)), 'org', s.org, 'correlationId', gen_random_uuid(), 'schemaVersion', 2),
           $3::timestamptz + make_interval(secs => ((v - 1 + s.phase) / $2::int) * $4::float8)${withOrg ? ', s.org' : ''}
    from streams s, generate_series(1, $2::int) v
    returning position, stream_id, version, type, recorded_at, metadata ->> 'org' as org)
  insert into ${PLAIN}.revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at)
  select e.position, f.n::int, e.org, 'dashboard', e.stream_id, e.version, 'field', 'change', array[f.name],
         to_jsonb('Sales overview, revision ' || (e.version - 1)), to_jsonb('Sales overview, revision ' || e.version), e.recorded_at
  from events e, unnest(array['title', 'description', 'css']) with ordinality as f(name, n)
  where e.type = 'Updated'`;
