import type { BenchEngine } from '../engine.js';
import { largeDashboard, type BenchFixtures } from '../fixtures.js';
import { round } from '../measure.js';
import type { BenchOptions } from '../options.js';

export interface StorageVsSnapshotResult {
  edits: number;
  /** One full snapshot of the dashboard: as JSON text, as a jsonb value, and as stored (jsonb, TOAST-compressed). */
  snapshotJsonBytes: number;
  snapshotJsonbBytes: number;
  snapshotStoredBytes: number;
  /** Growth of revision_events + revision_changes (heap, TOAST, indexes) per edit. */
  bytesPerEdit: number;
  /** That growth by relation (heap, its TOAST table, each index), per edit. */
  byRelation: Record<string, number>;
  /** The new rows themselves (pg_column_size of each row), per edit, without page or index overhead. */
  rowBytesPerEdit: number;
  /** revision_snapshots growth per edit: a full snapshot every REVISION_SNAPSHOT_EVERY versions. */
  snapshotTableBytesPerEdit: number;
  changeRowsPerEdit: number;
  /** bytesPerEdit over the snapshot as a jsonb value (the target's measure). */
  ratio: number;
  /** bytesPerEdit over the snapshot as PostgreSQL stores it, compressed. */
  ratioToStored: number;
  /** bytesPerEdit plus the periodic snapshots, over the jsonb snapshot. */
  ratioIncludingSnapshots: number;
}

const TABLES = ['revision_events', 'revision_changes', 'revision_snapshots'] as const;

/** Every relation of a table: its heap, its TOAST table and each index. */
const RELATIONS = `
  select t.relname as "table", r.relname as relation, pg_relation_size(r.oid)::bigint::text as bytes
  from pg_class t
  join pg_class r on r.oid = t.oid or r.oid = t.reltoastrelid or r.oid in (select indexrelid from pg_index where indrelid = t.oid)
  where t.relname = any($1) and t.relnamespace = 'public'::regnamespace`;

/**
 * One-field edits of a ~50 KB dashboard through the command bus, alternating a title change and
 * one layout component's width, measured as the growth of the history tables per edit, over the
 * size of one full snapshot of the dashboard. Run before anything leaves dead rows whose space
 * new rows could reuse.
 */
export async function measureStorageVsSnapshot(engine: BenchEngine, fixtures: BenchFixtures, options: BenchOptions): Promise<StorageVsSnapshotResult> {
  const body = largeDashboard('storage', fixtures.chartIds) as { layout: Record<string, { meta?: { width?: number } }> };
  const dashboard = await engine.create('dashboard', body);
  const layout = structuredClone(body.layout);
  const charts = Object.keys(layout).filter((key) => key.startsWith('CHART-'));

  // Vacuum first so the free-space and visibility maps exist and do not appear mid-measurement.
  for (const table of TABLES) await engine.db.query(`vacuum ${table}`);
  const [{ position: startPosition }] = await engine.db.query<{ position: string }>('select coalesce(max(position), 0)::text as position from revision_events');
  const before = await sizes(engine);

  const edits = options.storage.edits;
  for (let n = 0; n < edits; n++) {
    if (n % 2 === 0) {
      await engine.save('dashboard', dashboard.id, { title: `Company KPIs, edit ${n}` });
    } else {
      const component = layout[charts[(n >> 1) % charts.length]];
      component.meta!.width = component.meta!.width === 4 ? 6 : 4;
      await engine.save('dashboard', dashboard.id, { layout });
    }
  }

  const after = await sizes(engine);
  const [rows] = await engine.db.query<{ events: number; event_bytes: number; changes: number; change_bytes: number }>(
    `select (select count(*) from revision_events where position > $1 and stream_id = $2)::int as events,
            (select coalesce(sum(pg_column_size(e.*)), 0) from revision_events e where position > $1 and stream_id = $2)::int as event_bytes,
            (select count(*) from revision_changes where position > $1 and entity_id = $2)::int as changes,
            (select coalesce(sum(pg_column_size(c.*)), 0) from revision_changes c where position > $1 and entity_id = $2)::int as change_bytes`,
    [startPosition, dashboard.id],
  );
  if (rows.events !== edits) throw new Error(`expected ${edits} new versions, found ${rows.events}`);
  const [snapshot] = await engine.db.query<{ json_bytes: number; jsonb_bytes: number; stored_bytes: number }>(
    `select octet_length((data -> 'state')::text) as json_bytes, pg_column_size(data -> 'state') as jsonb_bytes, pg_column_size(data) as stored_bytes
     from revision_events where stream_id = $1 and version = 1`,
    [dashboard.id],
  );

  const perEdit = (relation: string) => ((after.get(relation)?.bytes ?? 0) - (before.get(relation)?.bytes ?? 0)) / edits;
  const growth = (table: string) => [...after.entries()].filter(([, value]) => value.table === table).reduce((sum, [relation]) => sum + perEdit(relation), 0);
  const bytesPerEdit = growth('revision_events') + growth('revision_changes');
  const snapshotTableBytesPerEdit = growth('revision_snapshots');
  const byRelation = Object.fromEntries(
    [...after.entries()].filter(([, value]) => value.table !== 'revision_snapshots').map(([relation]) => [relation, round(perEdit(relation), 0)]).filter(([, bytes]) => bytes !== 0),
  );
  return {
    edits,
    snapshotJsonBytes: snapshot.json_bytes,
    snapshotJsonbBytes: snapshot.jsonb_bytes,
    snapshotStoredBytes: snapshot.stored_bytes,
    bytesPerEdit: round(bytesPerEdit, 0),
    byRelation,
    rowBytesPerEdit: round((rows.event_bytes + rows.change_bytes) / edits, 0),
    snapshotTableBytesPerEdit: round(snapshotTableBytesPerEdit, 0),
    changeRowsPerEdit: round(rows.changes / edits, 2),
    ratio: round(bytesPerEdit / snapshot.jsonb_bytes, 4),
    ratioToStored: round(bytesPerEdit / snapshot.stored_bytes, 4),
    ratioIncludingSnapshots: round((bytesPerEdit + snapshotTableBytesPerEdit) / snapshot.jsonb_bytes, 4),
  };
}

async function sizes(engine: BenchEngine): Promise<Map<string, { table: string; bytes: number }>> {
  const rows = await engine.db.query<{ table: string; relation: string; bytes: string }>(RELATIONS, [TABLES]);
  return new Map(rows.map((row) => [row.relation, { table: row.table, bytes: Number(row.bytes) }]));
}
