import { Inject, Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';

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

const TTL = `make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;

/**
 * Takes the key for `holder`: a new key, an expired one (its record starts over), or one whose
 * request is unfinished and whose lease ran out (the holder died or lost its database). One
 * statement, so two requests never both take it.
 */
const TAKE = `
  insert into idempotency_keys as k (org_id, actor_id, key, request_hash, holder, lease_until)
  values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::float8 / 1000))
  on conflict (org_id, actor_id, key) do update
    set request_hash = excluded.request_hash, holder = excluded.holder, lease_until = excluded.lease_until,
        status = null, headers = null, body = null,
        created_at = case when k.created_at < now() - ${TTL} then now() else k.created_at end
    where k.created_at < now() - ${TTL}
       or (k.status is null and k.request_hash = excluded.request_hash and (k.lease_until is null or k.lease_until < now()))
  returning 1`;

const READ = `
  select request_hash, status, headers, body, greatest(0, extract(epoch from lease_until - now()) * 1000)::int as lease_left_ms
  from idempotency_keys where org_id = $1 and actor_id = $2 and key = $3`;

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
    const values = [scope.org, scope.actor, scope.key];
    for (;;) {
      const [taken] = await this.db.query(TAKE, [...values, requestHash, holder, this.leaseMs]);
      if (taken) return { outcome: 'claimed' };
      const [row] = await this.db.query<{ request_hash: string; status: number | null; headers: Record<string, string> | null; body: unknown; lease_left_ms: number | null }>(READ, values);
      if (!row) continue; // released meanwhile: take it again
      if (row.request_hash !== requestHash) return { outcome: 'reused' };
      if (row.status !== null) return { outcome: 'replay', response: { status: row.status, headers: row.headers ?? {}, body: row.body } };
      if ((row.lease_left_ms ?? 0) > 0) return { outcome: 'busy', retryAfterMs: row.lease_left_ms! };
      // The lease ran out between the two statements: take it again.
    }
  }

  /** Keeps the answer. Whoever holds the key now, the answer is the same write's. */
  async complete(scope: KeyScope, requestHash: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      'update idempotency_keys set status = $5, headers = $6, body = $7, holder = null, lease_until = null where org_id = $1 and actor_id = $2 and key = $3 and request_hash = $4',
      [scope.org, scope.actor, scope.key, requestHash, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  /** A failed request frees its key, unless another request took it over meanwhile. */
  async release(scope: KeyScope, holder: string): Promise<void> {
    await this.db.query('delete from idempotency_keys where org_id = $1 and actor_id = $2 and key = $3 and status is null and holder = $4', [scope.org, scope.actor, scope.key, holder]);
  }

  /** Forgets expired keys, of one org or of all. */
  async pruneExpired(org: string | null = null): Promise<number> {
    const rows = await this.db.query(`delete from idempotency_keys where created_at < now() - ${TTL} and ($1::text is null or org_id = $1) returning 1`, [org]);
    return rows.length;
  }
}
