import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#database/database.js';
import { openDatabase, type OpenDatabase } from '#database/open-database.js';
import { entityDefinitions } from '#entities/entity-definitions.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EventFeed } from '#revisions/event-feed/event-feed.js';
import { FEED_START } from '#revisions/event-feed/feed-event.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let open: OpenDatabase;
let db: Database;
const org = 'org-before-the-feed';

const insertEvent = (version: number, id = randomUUID()) =>
  db.query(
    `insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata)
     values ('dashboard', $1, $2, $3, 'Created', '{}', $4) returning position`,
    [id, version, randomUUID(), JSON.stringify({ actor: { id: 'old' }, org })],
  );
/** The same once events carry their org in a column (Migration20261202250001_citus_ready_keys). */
const insertNewEvent = (version: number, id = randomUUID()) =>
  db.query(
    `insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, org_id)
     values ('dashboard', $1, $2, $3, 'Created', '{}', $4, $5) returning position`,
    [id, version, randomUUID(), JSON.stringify({ actor: { id: 'old' }, org }), org],
  );

beforeAll(async () => {
  database = await createTestDatabase();
  // As the migration role: this is a migration's test, and the trigger guards even the schema's owner.
  open = await openDatabase({ url: database.migrationUrl, dataDir: '.data', migrate: false });
  db = open.database;
  // A store as stage 1 left it, with history in it, then the feed's migration.
  await open.orm.migrator.up({ to: 'Migration20261122000500_statement_level_guard' });
  for (let i = 0; i < 3; i++) await insertEvent(1);
  await open.orm.migrator.up();
}, 60_000);
afterAll(async () => {
  await open?.close();
  await database?.drop();
});

describe('the transaction_id column added to a store with history', () => {
  it('gives existing events the migration\'s committed transaction, readable in position order', async () => {
    const rows = await db.query<{ position: string; transaction_id: string }>('select position, transaction_id::text from revision_events order by position');
    expect(new Set(rows.map((row) => row.transaction_id)).size).toBe(1);
    const events = await new EventFeed(db, new DefinitionRegistry(entityDefinitions)).read(FEED_START, 10, org);
    expect(events.map((event) => event.position)).toEqual(rows.map((row) => Number(row.position)));
  });

  it('fills new events from the column default, after the old ones in feed order', async () => {
    const [row] = await insertNewEvent(1);
    const events = await new EventFeed(db, new DefinitionRegistry(entityDefinitions)).read(FEED_START, 10, org);
    expect(events.at(-1)?.position).toBe(Number((row as { position: string }).position));
    const [xids] = await db.query<{ old: string; new: string }>(
      `select min(transaction_id)::text as old, max(transaction_id)::text as new from revision_events`,
    );
    expect(BigInt(xids.new)).toBeGreaterThan(BigInt(xids.old));
  });

  it('keeps revision_events append-only', async () => {
    await expect(db.query(`update revision_events set transaction_id = '1'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from revision_events`)).rejects.toThrow(/append-only/);
  });
});
