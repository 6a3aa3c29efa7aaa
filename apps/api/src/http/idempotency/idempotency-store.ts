import { Inject, Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { compileOnce, qb, run, runFirst, sql } from '#database/query-builder.js';

/** How long a key answers with its first response; documented in docs/concurrency.md. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** How long a claim holds its key while its request runs; a holder that died frees it this soon. */
export const IDEMPOTENCY_LEASE_MS = Symbol('IDEMPOTENCY_LEASE_MS');
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 10_000;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface KeyScope {
  org: string;
  actor: string;
  key: string;
}

/** What a request finds under its key. */
export type Claim =
  /** The request runs: the key was new, expired, or its last holder's lease ran out. */
  | { outcome: 'claimed' }
  /** The first request finished: answer with what it answered. */
  | { outcome: 'replay'; response: StoredResponse }
  /** Another request holds the key and its lease still runs. */
  | { outcome: 'busy'; retryAfterMs: number }
  /** The key belongs to a different request. */
  | { outcome: 'reused' };

/** Keys created before this have expired: their record may start over. */
const expiredBefore = sql<string>`now() - make_interval(hours => ${sql.lit(IDEMPOTENCY_TTL_HOURS)})`;

/**
 * Takes the key for `holder`: a new key, an expired one (its record starts over), or one whose
 * request is unfinished and whose lease ran out (the holder died or lost its database). One
 * statement, so two requests never both take it. Compiled once: it runs on every keyed write.
 */
const take = compileOnce((org: string, actor: string, key: string, requestHash: string, holder: string, leaseMs: number) =>
  qb
    .insertInto('idempotency_keys')
    .values({
      org_id: org,
      actor_id: actor,
      key,
      request_hash: requestHash,
      holder,
      lease_until: sql<string>`now() + make_interval(secs => ${leaseMs}::float8 / 1000)`,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'actor_id', 'key'])
        .doUpdateSet((eb) => ({
          request_hash: eb.ref('excluded.request_hash'),
          holder: eb.ref('excluded.holder'),
          lease_until: eb.ref('excluded.lease_until'),
          status: null,
          headers: null,
          body: null,
          created_at: eb.case().when('idempotency_keys.created_at', '<', expiredBefore).then(sql<string>`now()`).else(eb.ref('idempotency_keys.created_at')).end(),
        }))
        .where((eb) =>
          eb.or([
            eb('idempotency_keys.created_at', '<', expiredBefore),
            eb.and([
              eb('idempotency_keys.status', 'is', null),
              eb('idempotency_keys.request_hash', '=', eb.ref('excluded.request_hash')),
              eb.or([eb('idempotency_keys.lease_until', 'is', null), eb('idempotency_keys.lease_until', '<', sql<string>`now()`)]),
            ]),
          ]),
        ),
    )
    .returning(sql<number>`1`.as('taken')),
);

const read = compileOnce((org: string, actor: string, key: string) =>
  qb
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'headers', 'body'])
    .select(sql<number | null>`greatest(0, extract(epoch from lease_until - now()) * 1000)::int`.as('lease_left_ms'))
    .where('org_id', '=', org)
    .where('actor_id', '=', actor)
    .where('key', '=', key),
);

/** `headers` and `body` as JSON text. */
const complete = compileOnce((org: string, actor: string, key: string, requestHash: string, status: number, headers: string, body: string) =>
  qb
    .updateTable('idempotency_keys')
    .set({ status, headers, body, holder: null, lease_until: null })
    .where('org_id', '=', org)
    .where('actor_id', '=', actor)
    .where('key', '=', key)
    .where('request_hash', '=', requestHash),
);

const release = compileOnce((org: string, actor: string, key: string, holder: string) =>
  qb.deleteFrom('idempotency_keys').where('org_id', '=', org).where('actor_id', '=', actor).where('key', '=', key).where('status', 'is', null).where('holder', '=', holder),
);

/**
 * The record of each `Idempotency-Key`: who holds it while its request runs (a lease of seconds),
 * then that request's answer for 24 hours. Exactly-once is not this table's job: the key is also
 * the command id of the write, which the event store appends at most once (docs/concurrency.md).
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly db: Database,
    @Inject(IDEMPOTENCY_LEASE_MS) private readonly leaseMs: number,
  ) {}

  async claim(scope: KeyScope, requestHash: string, holder: string): Promise<Claim> {
    const { org, actor, key } = scope;
    for (;;) {
      if (await runFirst(this.db, take(org, actor, key, requestHash, holder, this.leaseMs))) return { outcome: 'claimed' };
      const row = await runFirst(this.db, read(org, actor, key));
      if (!row) continue; // released meanwhile: take it again
      if (row.request_hash !== requestHash) return { outcome: 'reused' };
      if (row.status !== null) return { outcome: 'replay', response: { status: row.status, headers: row.headers ?? {}, body: row.body } };
      if ((row.lease_left_ms ?? 0) > 0) return { outcome: 'busy', retryAfterMs: row.lease_left_ms! };
      // The lease ran out between the two statements: take it again.
    }
  }

  /** Keeps the answer. Whoever holds the key now, the answer is the same write's. */
  async complete({ org, actor, key }: KeyScope, requestHash: string, response: StoredResponse): Promise<void> {
    await run(this.db, complete(org, actor, key, requestHash, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)));
  }

  /** A failed request frees its key, unless another request took it over meanwhile. */
  async release({ org, actor, key }: KeyScope, holder: string): Promise<void> {
    await run(this.db, release(org, actor, key, holder));
  }

  /** Forgets expired keys, of one org or of all. */
  async pruneExpired(org: string | null = null): Promise<number> {
    const expired = qb
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', expiredBefore)
      .$if(org !== null, (query) => query.where('org_id', '=', org!))
      .returning(sql<number>`1`.as('pruned'));
    return (await run(this.db, expired)).length;
  }
}
