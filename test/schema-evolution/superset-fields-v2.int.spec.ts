import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ExportBundleQuery } from '#bundles/queries/export-bundle/export-bundle.query.js';
import { readZipEntries } from '#bundles/zip/read-zip-entries.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import type { JsonObject } from '#revisions/document/json.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { DiffVersionsQuery } from '#revisions/queries/diff-versions/diff-versions.query.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import { VerifyStreamsQuery } from '#revisions/queries/verify-streams/verify-streams.query.js';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';

/**
 * Datasets saved before the Superset export fields existed: their events are schema version 1 and
 * their projection rows got the new columns' defaults from the migration. Under version 2 they read
 * with the defaults everywhere, so nothing shows as "added" and the fold equals the migrated row.
 */
const ORG = 'org-superset-v2';
const NEW_DATASET_FIELDS = ['currencyCodeColumn', 'defaultEndpoint', 'offset', 'sourceDbEngine', 'templateParams', 'filterSelectEnabled', 'fetchValuesPredicate', 'isManagedExternally', 'externalUrl', 'normalizeColumns', 'alwaysFilterMainDttm', 'folders', 'dataUrl', 'dataFile'];
const NEW_COLUMN_FIELDS = ['isActive', 'pythonDateFormat', 'datetimeFormat', 'advancedDataType', 'extra', 'uuid'];
const NEW_METRIC_FIELDS = ['warningText', 'extra', 'uuid'];
const NEW_COLUMNS_SQL = {
  datasets: 'currency_code_column, default_endpoint, "offset", source_db_engine, template_params, filter_select_enabled, fetch_values_predicate, is_managed_externally, external_url, normalize_columns, always_filter_main_dttm, folders, data_url, data_file',
  dataset_columns: 'is_active, python_date_format, datetime_format, advanced_data_type, extra, uuid',
  dataset_metrics: 'warning_text, extra, uuid',
};

const without = (object: JsonObject, names: string[]) => Object.fromEntries(Object.entries(object).filter(([name]) => !names.includes(name)));
const mapItems = (items: JsonObject, names: string[]) => Object.fromEntries(Object.entries(items).map(([key, item]) => [key, without(item as JsonObject, names)]));

let engine: TestEngine;
let id: string;

beforeAll(async () => {
  // As the migration role: the test rewrites stored history (a stage-1 store) and rebuilds projections.
  engine = await startTestEngine({}, undefined, 'migration');
  const actor = engine.actor('editor-1', ORG, 'editor');
  const created = await engine.commands.execute(
    new CreateEntityCommand('dataset', { tableName: 'orders', columns: [{ columnName: 'country', type: 'TEXT' }], metrics: [{ metricName: 'count', expression: 'COUNT(*)' }] }, { actor }),
  );
  id = created.id;
  // Turn it into what an older build wrote: v1 events without the new fields, and a projection row
  // whose new columns hold what the migration gave existing rows (their defaults).
  const [{ data, metadata, recorded_at }] = await engine.db.query<{ data: { state: JsonObject }; metadata: JsonObject; recorded_at: string }>(
    'select data, metadata, recorded_at from revision_events where stream_id = $1', [id],
  );
  const state = without(data.state, NEW_DATASET_FIELDS);
  state.columns = mapItems(state.columns as JsonObject, NEW_COLUMN_FIELDS);
  state.metrics = mapItems(state.metrics as JsonObject, NEW_METRIC_FIELDS);
  const changes = [
    { op: 'change', path: ['tableName'], from: 'orders', to: 'orders_v2' },
    { op: 'add', path: ['columns', 'region'], from: null, to: { type: 'TEXT', expression: null, verboseName: null, isDttm: false, groupby: true, filterable: true, description: null } },
  ];
  await engine.db.transaction(async (tx) => {
    await tx.query(`set local rewind.retention = 'on'`);
    await tx.query('delete from revision_events where stream_id = $1', [id]);
    const insert = `insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
                    values ('dataset', $1, $2, $3, $4, $5, $6, $7, 1, $6::jsonb ->> 'org')`;
    await tx.query(insert, [id, 1, versionIdOf(id, 1), 'Created', JSON.stringify({ state }), JSON.stringify(metadata), recorded_at]);
    await tx.query(insert, [id, 2, versionIdOf(id, 2), 'Updated', JSON.stringify({ changes }), JSON.stringify(metadata), recorded_at]);
    await tx.query(`update datasets set version = 2, version_id = $2, updated_at = created_at, table_name = 'orders_v2', (${NEW_COLUMNS_SQL.datasets}) = (${NEW_COLUMNS_SQL.datasets.split(',').map(() => 'default').join(',')}) where id = $1`, [id, versionIdOf(id, 2)]);
    await tx.query(`insert into dataset_columns (dataset_id, org_id, column_name, type, is_dttm, groupby, filterable)
                    select id, org_id, 'region', 'TEXT', false, true, true from datasets where id = $1`, [id]);
    for (const table of ['dataset_columns', 'dataset_metrics'] as const) {
      const columns = NEW_COLUMNS_SQL[table];
      await tx.query(`update ${table} set (${columns}) = (${columns.split(',').map(() => 'default').join(',')}) where dataset_id = $1`, [id]);
    }
  });
}, 60_000);
afterAll(async () => engine?.close());

const viewer = () => engine.actor('viewer-1', ORG, 'viewer');
const version = async (n: number) => (await engine.queries.execute(new GetVersionQuery('dataset', id, versionIdOf(id, n), viewer()))).state;

describe('Superset export fields as schema version 2 of datasets', () => {
  it('old versions read with the defaults, on the dataset, its columns and its metrics', async () => {
    const first = await version(1);
    expect(first).toMatchObject({ tableName: 'orders', filterSelectEnabled: false, isManagedExternally: false, normalizeColumns: false, offset: null, templateParams: null });
    expect((first.columns as JsonObject[])[0]).toMatchObject({ columnName: 'country', isActive: true, pythonDateFormat: null, extra: null });
    expect((first.metrics as JsonObject[])[0]).toMatchObject({ metricName: 'count', warningText: null, extra: null });
  });

  it('the migrated projection row equals the upcast fold, and a rebuild keeps it', async () => {
    const head = await engine.queries.execute(new GetEntityQuery('dataset', id, viewer()));
    expect(head).toMatchObject(await version(2));
    await engine.commands.execute(new RebuildProjectionsCommand());
    expect(await engine.queries.execute(new GetEntityQuery('dataset', id, viewer()))).toEqual(head);
  });

  it('a diff across the versions shows only real changes, none of the added fields', async () => {
    const diff = await engine.queries.execute(new DiffVersionsQuery('dataset', id, versionIdOf(id, 1), undefined, viewer()));
    expect(diff.changes.map((change) => `${change.op} ${change.path.join('.')}`)).toEqual(['change tableName', 'add columns.region']);
    expect(diff.changes[1].to).toMatchObject({ isActive: true, advancedDataType: null });
  });

  it('an export carries the old versions with the defaults, in the dataset YAML and in its history', async () => {
    const { archive } = await engine.queries.execute(new ExportBundleQuery('dataset', id, viewer(), { versionId: versionIdOf(id, 1), history: true }));
    const entries: Record<string, string> = {};
    for await (const entry of readZipEntries(archive)) entries[entry.name.split('/').slice(1).join('/')] = entry.text;
    const yamlName = Object.keys(entries).find((name) => name.startsWith('datasets/'))!;
    expect(parse(entries[yamlName])).toMatchObject({ table_name: 'orders', filter_select_enabled: false, normalize_columns: false });
    const historyName = Object.keys(entries).find((name) => name.startsWith('history/'))!;
    const [created] = entries[historyName].trim().split('\n').map((line) => JSON.parse(line));
    expect(created.data.state).toMatchObject({ filterSelectEnabled: false, columns: { country: { isActive: true, extra: null } }, metrics: { count: { warningText: null } } });
  });

  it('npm run verify finds every stream in the current shape', async () => {
    const result = await engine.queries.execute(new VerifyStreamsQuery());
    expect(result.failures).toEqual([]);
    expect(result.events).toBeGreaterThanOrEqual(2);
  });
});
