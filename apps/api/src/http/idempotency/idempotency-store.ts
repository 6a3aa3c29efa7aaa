import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';

/** How long a key answers with its first response; documented in docs/concurrency.md. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface StoredResponse {
  requestHash: string;
  /** Null while the first request is still running. */
  status: number | null;
  headers: Record<string, string>;
  body: unknown;
}

export interface KeyScope {
  org: string;
  actor: string;
  key: string;
}

@Injectable()
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  /**
   * Claims the key for this request (→ `{ claimedAt }`); when someone already holds it, returns
   * what they stored instead.
   */
  async claim(scope: KeyScope, requestHash: string): Promise<StoredResponse | { claimedAt: string }> {
    const values = [scope.org, scope.actor, scope.key];
    for (let attempt = 0; attempt < 2; attempt++) {
      const [claimed] = await this.db.query<{ claimed_at: string }>(
        'insert into idempotency_keys (org_id, actor_id, key, request_hash) values ($1, $2, $3, $4) on conflict do nothing returning created_at::text as claimed_at',
        [...values, requestHash],
      );
      if (claimed) return { claimedAt: claimed.claimed_at };
      const [row] = await this.db.query<{ request_hash: string; status: number | null; headers: Record<string, string> | null; body: unknown; expired: boolean }>(
        `select request_hash, status, headers, body, created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}) as expired
         from idempotency_keys where org_id = $1 and actor_id = $2 and key = $3`,
        values,
      );
      if (row && !row.expired) return { requestHash: row.request_hash, status: row.status, headers: row.headers ?? {}, body: row.body };
      // Expired (or released meanwhile): forget it and claim again.
      await this.db.query(`delete from idempotency_keys where org_id = $1 and actor_id = $2 and key = $3 and created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`, values);
    }
    throw new Error('idempotency key could not be claimed');
  }

  async complete(scope: KeyScope, status: number, headers: Record<string, string>, body: unknown): Promise<void> {
    await this.db.query('update idempotency_keys set status = $4, headers = $5, body = $6 where org_id = $1 and actor_id = $2 and key = $3', [
      scope.org,
      scope.actor,
      scope.key,
      status,
      JSON.stringify(headers),
      JSON.stringify(body ?? null),
    ]);
  }

  /** A failed request frees its key: retrying it with the same key runs it again. */
  async release(scope: KeyScope): Promise<void> {
    await this.db.query('delete from idempotency_keys where org_id = $1 and actor_id = $2 and key = $3 and status is null', [scope.org, scope.actor, scope.key]);
  }

  /** Forgets expired keys, of one org or of all. */
  async pruneExpired(org: string | null = null): Promise<number> {
    const rows = await this.db.query(
      `delete from idempotency_keys where created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}) and ($1::text is null or org_id = $1) returning 1`,
      [org],
    );
    return rows.length;
  }
}
