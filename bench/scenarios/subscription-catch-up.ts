import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus, EventBus } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { AppModule } from '#api/app.module.js';
import { configureApp } from '#api/configure-app.js';
import { mintToken } from '#cli/mint-token.js';
import { loadConfig } from '#config/app-config.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import type { FeedEvent } from '#revisions/event-feed/feed-event.js';
import { RevisionRecorded } from '#revisions/event-feed/revision-recorded.event.js';
import { SUBSCRIPTION_DEFAULTS } from '#revisions/subscriptions/subscriber.js';
import { Subscriptions } from '#revisions/subscriptions/subscriptions.js';
import { BENCH_ORG, BENCH_USER } from '../engine.js';
import { patchLoad } from '../http-load.js';
import { median, percentile, round } from '../measure.js';

export interface SubscriptionBenchResult {
  events: number;
  batchSize: number;
  scan: { runs: number; medianSeconds: number; eventsPerSecond: number };
  catchUp: { runs: number; medianSeconds: number; eventsPerSecond: number };
  /** catch-up events/s ÷ raw scan events/s */
  ratio: number;
  lag: {
    durationMs: number;
    saves: number;
    savesPerSecond: number;
    /** recordedAt (set just before the append statement) → RevisionRecorded on the EventBus */
    eventBus: { samples: number; p50Ms: number; p99Ms: number };
    /** commit (the EventBus news) → a subscription's handler, in the same process */
    subscription: { samples: number; p50Ms: number; p99Ms: number };
  };
}

/** Events of 100-version streams with one change record each, written by SQL in big statements. */
const SEED = `
  with streams as (select gen_random_uuid() as id from generate_series(1, $1::int / 100)),
  events as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, org_id)
    select 'dashboard', s.id, v, gen_random_uuid(), 'Updated',
           '{"changes":[{"op":"change","path":["title"],"from":"Sales","to":"Sales 2026"}]}',
           '{"actor":{"id":"bench-feed"},"org":"bench-feed"}', 'bench-feed'
    from streams s, generate_series(1, 100) v
    returning position, stream_id, version, recorded_at)
  insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at)
  select position, 1, 'bench-feed', 'dashboard', stream_id, version, 'field', 'change', '{title}', '"Sales"', '"Sales 2026"', recorded_at from events`;

/** The plainest way to read every event: keyset pages by position, all columns, no horizon, no changes. */
const SCAN_PAGE = `select * from revision_events where position > $1 order by position limit $2`;

async function seed(url: string, events: number, log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ count: before }] = (await client.query<{ count: string }>('select count(*) from revision_events')).rows;
    for (let done = Number(before); done < events; done += 50_000) await client.query(SEED, [Math.min(50_000, events - done)]);
    await client.query('vacuum analyze revision_events, revision_changes');
    const [{ count }] = (await client.query<{ count: string }>('select count(*) from revision_events')).rows;
    log(`  ${count} events in the store`);
    return Number(count);
  } finally {
    await client.end();
  }
}

async function scan(url: string, batchSize: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const begin = performance.now();
  try {
    for (let after = '0'; ; ) {
      const { rows } = await client.query<{ position: string }>({ name: 'bench_feed_scan', text: SCAN_PAGE, values: [after, batchSize] });
      if (rows.length < batchSize) return (performance.now() - begin) / 1000;
      after = rows[rows.length - 1].position;
    }
  } finally {
    await client.end();
  }
}

const CATCH_UP_LIMIT_MS = 120_000;

/** Transactions of other sessions still open, as one line (what holds the feed's horizon back). */
async function openTransactions(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select pid, datname, state, wait_event_type, wait_event, xact_start, left(query, 120) as query from pg_stat_activity
       where pid <> pg_backend_pid() and (backend_xid is not null or backend_xmin is not null)`,
    );
    return JSON.stringify(rows);
  } finally {
    await client.end();
  }
}

/** A new subscription from the first event to the last, with a handler that does nothing. */
async function catchUp(url: string, dataDir: string, events: number): Promise<number> {
  const app = await NestFactory.createApplicationContext(RewindCoreModule.forRoot({ url, dataDir }), { logger: ['fatal', 'error'] });
  try {
    let handled = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const begin = performance.now();
    app.get(Subscriptions).register({
      subscription: { name: `bench-catch-up-${randomBytes(4).toString('hex')}`, startAt: 'beginning' },
      handle: async () => void (++handled === events && done()),
    });
    // The feed shows only events below the oldest running transaction: one left open anywhere in the
    // cluster holds every later event back, and the catch-up would wait for ever. Say who holds it.
    const timedOut = new Promise<never>((_, reject) => {
      const timer = setTimeout(async () => reject(new Error(`catch-up stalled at ${handled} of ${events} events; open transactions: ${await openTransactions(url)}`)), CATCH_UP_LIMIT_MS);
      void finished.finally(() => clearTimeout(timer));
    });
    await Promise.race([finished, timedOut]);
    return (performance.now() - begin) / 1000;
  } finally {
    await app.close();
  }
}

/** The API in this process under HTTP PATCH load, with an EventBus listener and a subscription timing each event. */
async function lagUnderLoad(url: string, dataDir: string, durationMs: number, connections: number) {
  const secret = randomBytes(32).toString('base64url');
  const config = { ...loadConfig({ JWT_SECRET: secret, REVISION_RETENTION_ENABLED: 'false', LOG_LEVEL: 'error' }), databaseUrl: url, dataDir };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['fatal', 'error'], bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  try {
    const commands = app.get(CommandBus);
    const context = { actor: { id: BENCH_USER, org: BENCH_ORG, roles: ['editor' as const] } };
    const ids: string[] = [];
    for (let i = 0; i < connections * 4; i++) ids.push((await commands.execute(new CreateEntityCommand('dashboard', { title: `lag ${i}` }, context))).id);

    const committedAt = new Map<number, number>();
    const busLags: number[] = [];
    const subscriptionLags: number[] = [];
    let measuring = false;
    const listening = app.get(EventBus).subscribe((event) => {
      if (!(event instanceof RevisionRecorded) || !measuring) return;
      committedAt.set(event.position, performance.now());
      busLags.push(Date.now() - Date.parse(event.recordedAt));
    });
    app.get(Subscriptions).register({
      subscription: { name: `bench-lag-${randomBytes(4).toString('hex')}`, startAt: 'now' },
      handle: async (event: FeedEvent) => {
        const at = committedAt.get(event.position);
        if (at !== undefined) subscriptionLags.push(performance.now() - at), committedAt.delete(event.position);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscription holds its lock
    measuring = true;
    const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
    const load = await patchLoad({ url: await app.getUrl(), token, ids, connections }, { durationMs });
    measuring = false;
    const deadline = Date.now() + 30_000;
    while (committedAt.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    listening.unsubscribe();
    const stats = (lags: number[]) => {
      const sorted = [...lags].sort((a, b) => a - b);
      return { samples: sorted.length, p50Ms: round(percentile(sorted, 0.5), 2), p99Ms: round(percentile(sorted, 0.99), 2) };
    };
    return { durationMs, saves: load.ops, savesPerSecond: load.opsPerSecond, eventBus: stats(busLags), subscription: stats(subscriptionLags) };
  } finally {
    await app.close();
  }
}

/**
 * Subscription catch-up over the whole store against a raw keyset scan of the same events (same
 * page size), then commit → handler lag under the HTTP save load.
 */
export async function measureSubscriptionCatchUp(
  database: { url: string; dataDir: string },
  sizes: { events: number; runs: number; lagMs: number; connections: number },
  log: (line: string) => void,
): Promise<SubscriptionBenchResult> {
  const events = await seed(database.url, sizes.events, log);
  const held = await openTransactions(database.url);
  if (held !== '[]') log(`  open transactions hold the feed's horizon back (the catch-up will stall): ${held}`);
  const batchSize = SUBSCRIPTION_DEFAULTS.batchSize;
  const scans: number[] = [];
  const catchUps: number[] = [];
  await scan(database.url, batchSize); // warms the cache for both
  for (let run = 0; run < sizes.runs; run++) {
    scans.push(await scan(database.url, batchSize));
    // A stalled catch-up is a failed figure (ratio 0), not a lost run: the other figures still get written.
    catchUps.push(await catchUp(database.url, database.dataDir, events).catch((error: Error) => (log(`  ${error.message}`), Infinity)));
    log(`  run ${run + 1}: scan ${round(scans[run], 2)} s, catch-up ${round(catchUps[run], 2)} s`);
  }
  const scanSeconds = median(scans);
  const catchUpSeconds = median(catchUps);
  log(`  lag under HTTP PATCH load (${sizes.lagMs} ms, ${sizes.connections} connections)`);
  const lag = await lagUnderLoad(database.url, database.dataDir, sizes.lagMs, sizes.connections);
  return {
    events,
    batchSize,
    scan: { runs: scans.length, medianSeconds: round(scanSeconds, 3), eventsPerSecond: Math.round(events / scanSeconds) },
    catchUp: { runs: catchUps.length, medianSeconds: round(catchUpSeconds, 3), eventsPerSecond: Math.round(events / catchUpSeconds) },
    ratio: round(scanSeconds / catchUpSeconds, 2),
    lag,
  };
}
