import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#database/database.js';
import { openDatabase, type OpenDatabase } from '#database/open-database.js';
import { createTestDatabase, type TestDatabase } from '#test/support/test-database.js';

/** The schema_version columns added to a store that already holds history. */
let database: TestDatabase;
let open: OpenDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  // As the migration role: a migration's test, and the trigger guards even the schema's owner.
  open = await openDatabase({ url: database.migrationUrl, dataDir: '.data', migrate: false });
  db = open.database;
  await open.orm.migrator.up({ to: 'Migration20261201130001_superset_fields' });
  const id = randomUUID();
  const [{ position }] = await db.query<{ position: string }>(
    `insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata)
     values ('dashboard', $1, 1, $2, 'Created', '{"state": {}}', '{"actor": {"id": "old"}, "org": "org-old"}') returning position`,
    [id, randomUUID()],
  );
  await db.query(`insert into revision_snapshots (stream_kind, stream_id, version, state) values ('dashboard', $1, 1, '{}')`, [id]);
  await db.query(
    `insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, recorded_at)
     values ($1, 1, 'org-old', 'dashboard', $2, 1, 'field', 'change', '{title}', now())`,
    [position, id],
  );
  await open.orm.migrator.up();
}, 60_000);
afterAll(async () => {
  await open?.close();
  await database?.drop();
});

describe('schema versions on a store with history', () => {
  it('gives every existing event, snapshot and change record version 1', async () => {
    for (const table of ['revision_events', 'revision_snapshots', 'revision_changes']) {
      expect(await db.query(`select distinct schema_version from ${table}`)).toEqual([{ schema_version: 1 }]);
    }
  });

  it('leaves the append-only guard as it was: an event still cannot be changed', async () => {
    await expect(db.query('update revision_events set schema_version = 2')).rejects.toThrow(/append-only/);
  });
});
