import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Database } from '#database/database.js';
import { run } from '#database/query-builder.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { subscriptionLags } from '#revisions/subscriptions/subscription-store.js';


/**
 * Every metric GET /metrics serves, in one registry per app (not prom-client's global one), so two
 * apps in one process — the e2e tests — never share counts. Values the engine already keeps (head
 * cache, pool, subscription positions) are read when scraped rather than counted on the hot path.
 */
@Injectable()
export class RewindMetrics {
  readonly registry = new Registry();

  readonly revisions = new Counter({ name: 'rewind_revisions_total', help: 'Revisions committed (saves, deletes, restores, imports, baselines…), by kind and operation.', labelNames: ['kind', 'operation'], registers: [this.registry] });
  readonly httpDuration = new Histogram({
    name: 'rewind_http_request_duration_seconds',
    help: 'HTTP request latency, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly conflicts = new Counter({ name: 'rewind_conflicts_total', help: 'Writes refused as conflicts (409) or stale preconditions (412), by kind and status.', labelNames: ['kind', 'status'], registers: [this.registry] });
  readonly purges = new Counter({ name: 'rewind_purges_total', help: 'Entities purged for good, by kind and reason (admin; trash_expired by retention, whose kind is not reported: any).', labelNames: ['kind', 'reason'], registers: [this.registry] });
  readonly prunedEvents = new Counter({ name: 'rewind_retention_pruned_events_total', help: 'Revision events deleted by retention runs of this process.', registers: [this.registry] });
  readonly operations = new Counter({
    name: 'rewind_operations_total',
    help: 'Write commands run, by kind (bundle for imports), operation (create, save, delete, restore, import, redact, purge, pin, unpin) and outcome (changed, merged, unchanged, dry_run, conflict, precondition_failed, rejected, failed).',
    labelNames: ['kind', 'operation', 'outcome'],
    registers: [this.registry],
  });
  readonly poolWait = new Histogram({
    name: 'rewind_db_pool_wait_seconds',
    help: 'Time the engine waited for a PostgreSQL connection from the pool, per acquire.',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly retentionDuration = new Histogram({ name: 'rewind_retention_run_duration_seconds', help: 'Duration of retention runs, by outcome (pruned, or skipped while another replica held the lock).', labelNames: ['outcome'], buckets: [0.01, 0.1, 1, 10, 60, 300, 1800], registers: [this.registry] });

  constructor(streams: EntityStreams, db: Database) {
    collectDefaultMetrics({ register: this.registry });
    db.observePoolWait((seconds) => this.poolWait.observe(seconds));
    const headCache = () => streams.headCacheStats();
    new Counter({ name: 'rewind_head_cache_hits_total', help: 'Writes that found their entity head in the write-side head cache.', registers: [this.registry], collect() { this.reset(); this.inc(headCache().hits); } });
    new Counter({ name: 'rewind_head_cache_misses_total', help: 'Writes that read their entity head from PostgreSQL.', registers: [this.registry], collect() { this.reset(); this.inc(headCache().misses); } });
    new Counter({
      name: 'rewind_retries_total',
      help: 'Writes tried again after another writer (a replica, or past a stale cached head) took their next version first, by kind.',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [kind, retries] of streams.retryCounts()) this.inc({ kind }, retries);
      },
    });
    new Gauge({ name: 'rewind_head_cache_entries', help: 'Entity heads held in the head cache.', registers: [this.registry], collect() { this.set(headCache().entries); } });
    new Gauge({ name: 'rewind_head_cache_bytes', help: 'Size of the cached heads (JSON bytes), bounded by REVISION_HEAD_CACHE_MB.', registers: [this.registry], collect() { this.set(headCache().bytes); } });
    new Gauge({
      name: 'rewind_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (total, idle), and callers waiting for one (waiting).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = db.poolStats();
        for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
      },
    });
    new Gauge({
      name: 'rewind_subscription_lag_events',
      help: 'Events recorded past each subscription\'s checkpoint (latest position − its position).',
      labelNames: ['subscription'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await run(db, subscriptionLags())) this.set({ subscription: row.name }, Number(row.lag));
      },
    });
  }
}
