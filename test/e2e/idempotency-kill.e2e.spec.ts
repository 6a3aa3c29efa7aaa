import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { commandIdOf } from '#api/http/idempotency/idempotency.interceptor.js';
import { DEFAULT_IDEMPOTENCY_LEASE_MS } from '#api/http/idempotency/idempotency-store.js';
import { mintToken } from '#cli/mint-token.js';
import { ensureLoginRole, withCredentials } from '#database/database-roles.js';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from '#database/embedded-postgres.server.js';
import { startApiChild, type ApiChild } from '../support/api-child.js';
import { createTestDatabase } from '../support/test-database.js';
import { TEST_API_PASSWORD, TEST_API_ROLE } from '../support/test-roles.js';

/**
 * Issue 11's attack, for real: keyed PATCHes under load, then a `kill -9` of the API process or a
 * stop and start of PostgreSQL in the middle of them. Every key is then retried as a client would
 * (after a 409 it waits its Retry-After): each is answered within seconds, the answer is its own
 * write (the first answer again, when there was one), and each key's write exists exactly once.
 */

const JWT_SECRET = 'kill-test-secret';
const ORG = 'org-kill';
const USER = 'kim';
const auth = `Bearer ${mintToken(JWT_SECRET, { sub: USER, org: ORG, roles: ['editor'] })}`;
/** The lease (seconds) bounds how long a dead request's key answers 409; the rest is slack for a loaded machine. */
const ANSWERED_WITHIN_MS = DEFAULT_IDEMPOTENCY_LEASE_MS + 15_000;

interface Answer {
  status: number;
  body: { version?: number; versionId?: string; description?: string } & Record<string, unknown>;
  etag: string | null;
}

interface KeyedWrite {
  key: string;
  id: string;
  /** What the first attempt got, if an answer came before the crash or the outage. */
  first?: Answer;
}

const running: ApiChild[] = [];
afterAll(async () => {
  for (const api of running.splice(0)) await api.kill();
});

async function start(env: NodeJS.ProcessEnv): Promise<ApiChild> {
  const api = await startApiChild({ JWT_SECRET, ...env });
  running.push(api);
  return api;
}

async function send(api: ApiChild, write: KeyedWrite): Promise<Answer> {
  const response = await fetch(`${api.url}/api/v1/dashboards/${write.id}`, {
    method: 'PATCH',
    headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': write.key },
    body: JSON.stringify({ description: write.key }),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Answer['body'], etag: response.headers.get('etag') };
}

async function createDashboards(api: ApiChild, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${api.url}/api/v1/dashboards`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Kill ${i}` }) });
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * Clients (two per dashboard, so saves of one entity race too) send keyed PATCHes until `stop`;
 * every write is listed before it is sent, so those in flight at the crash are retried as well.
 */
function keyedLoad(api: ApiChild, ids: string[]): { writes: KeyedWrite[]; answered: () => number; stop: () => Promise<void> } {
  const writes: KeyedWrite[] = [];
  let stopped = false;
  const clients = [...ids, ...ids].map(async (id, client) => {
    for (let n = 0; !stopped; n++) {
      const write: KeyedWrite = { key: `k-${client}-${n}-${Math.random().toString(36).slice(2, 8)}`, id };
      writes.push(write);
      try {
        const answer = await send(api, write);
        if (answer.status === 200) write.first = answer;
      } catch {
        // the process died or the connection dropped: no answer
      }
    }
  });
  return {
    writes,
    answered: () => writes.filter((write) => write.first).length,
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

/** Retries one key as a client would until it gets a final answer; returns it and when it came. */
async function retryUntilAnswered(api: ApiChild, write: KeyedWrite, since: number): Promise<{ answer: Answer; afterMs: number }> {
  for (;;) {
    const answer = await send(api, write).catch(() => undefined);
    const afterMs = Date.now() - since;
    if (answer && answer.status !== 409 && answer.status !== 503) return { answer, afterMs };
    if (afterMs > ANSWERED_WITHIN_MS) return { answer: answer ?? { status: 0, body: {}, etag: null }, afterMs };
    await new Promise((resolve) => setTimeout(resolve, answer?.status === 409 ? 500 : 200));
  }
}

async function expectEveryKeyAnsweredOnce(api: ApiChild, databaseUrl: string, writes: KeyedWrite[], since: number): Promise<void> {
  const retries = await Promise.all(writes.map(async (write) => ({ write, ...(await retryUntilAnswered(api, write, since)) })));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ command_id: string; version_id: string; stream_id: string }>(
      `select metadata ->> 'commandId' as command_id, version_id, stream_id from revision_events where metadata ->> 'org' = $1 and metadata ? 'commandId'`,
      [ORG],
    );
    const eventsOf = (key: string) => rows.filter((row) => row.command_id === commandIdOf({ org: ORG, actor: USER, key }));
    for (const { write, answer, afterMs } of retries) {
      // Answered within seconds, with the write this key made, which exists exactly once.
      expect({ key: write.key, status: answer.status, inTime: afterMs <= ANSWERED_WITHIN_MS }).toEqual({ key: write.key, status: 200, inTime: true });
      const events = eventsOf(write.key);
      expect(events.map((event) => [event.stream_id, event.version_id])).toEqual([[write.id, answer.body.versionId]]);
      expect([answer.etag, answer.body.description]).toEqual([`"${answer.body.versionId}"`, write.key]);
      // A key answered before the crash gets that same answer again.
      if (write.first) expect({ key: write.key, ...answer }).toEqual({ key: write.key, ...write.first });
    }
    // No gap and no duplicate version in any stream.
    const streams = await client.query<{ versions: number; newest: number; oldest: number }>(
      `select count(*)::int as versions, max(version) as newest, min(version) as oldest from revision_events where metadata ->> 'org' = $1 group by stream_id`,
      [ORG],
    );
    for (const stream of streams.rows) expect(stream).toEqual({ versions: stream.newest, newest: stream.newest, oldest: 1 });
  } finally {
    await client.end();
  }
}

describe('keyed writes across a kill -9 of the API', () => {
  it('every key, answered or in flight at the kill, is answered within seconds of the restart, once', async () => {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url, DATABASE_MIGRATION_URL: database.migrationUrl };
      const first = await start(env);
      const load = keyedLoad(first, await createDashboards(first, 3));
      while (load.answered() < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      await first.kill();
      await load.stop();

      const second = await start(env);
      await expectEveryKeyAnsweredOnce(second, database.migrationUrl, load.writes, Date.now());
      expect(load.writes.filter((write) => !write.first).length).toBeGreaterThan(0); // some were in flight at the kill
    } finally {
      for (const api of running.splice(0)) await api.kill();
      await database.drop();
    }
  }, 240_000);
});

describe('keyed writes across a PostgreSQL stop and start', () => {
  const directory = join('.data', `restart-postgres-${process.pid}`);
  let postgres: RunningPostgres | undefined;
  afterAll(async () => {
    await postgres?.stop();
    await rm(directory, { recursive: true, force: true });
    await rm(`${directory}.password`, { force: true });
  });

  it('every key is answered within seconds of PostgreSQL coming back, once; no 409 outlives the lease', async () => {
    postgres = await startEmbeddedPostgres({ directory, persistent: true });
    const port = Number(new URL(postgres.adminUrl).port);
    await ensureLoginRole(postgres.adminUrl, TEST_API_ROLE, TEST_API_PASSWORD);
    const migrationUrl = await ensureDatabase(postgres.adminUrl, 'rewind_restart');
    const api = await start({ DATABASE_URL: withCredentials(migrationUrl, TEST_API_ROLE, TEST_API_PASSWORD), DATABASE_MIGRATION_URL: migrationUrl });
    const load = keyedLoad(api, await createDashboards(api, 3));
    while (load.answered() < 20) await new Promise((resolve) => setTimeout(resolve, 5));

    await postgres.stop();
    await load.stop();
    postgres = await startEmbeddedPostgres({ directory, persistent: true, port });
    await expectEveryKeyAnsweredOnce(api, migrationUrl, load.writes, Date.now());
  }, 240_000);
});
