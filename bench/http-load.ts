import autocannon from 'autocannon';
import { threeFieldEdit } from './fixtures.js';
import { round, type RunStats } from './measure.js';

export interface PatchLoad {
  url: string;
  token: string;
  /** Dashboards to PATCH, more than connections; never two requests on one at a time. */
  ids: string[];
  connections: number;
}

let edits = 1_000_000;

/**
 * PATCH /api/v1/dashboards/:id with a three-field edit, from autocannon: `connections` keep-alive
 * connections, no pipelining, for a duration. Any non-2xx answer fails the run.
 */
/**
 * Hands out the next id no request has in flight. With every id busy (more requests in flight than
 * ids, or a request that never answered), the next one anyway: saves on one id then take turns.
 */
export function idleTargets(ids: readonly string[]): { take(): string; release(id: string): void } {
  const busy = new Set<string>();
  let next = 0;
  return {
    take() {
      for (let tries = 0; tries < ids.length; tries++) {
        const id = ids[next++ % ids.length];
        if (!busy.has(id)) return busy.add(id), id;
      }
      return ids[next++ % ids.length];
    },
    release: (id) => void busy.delete(id),
  };
}

export async function patchLoad(load: PatchLoad, until: { durationMs: number }): Promise<RunStats> {
  // Each request takes the next dashboard no request has in flight (a connection's context lives
  // from its request's setup to its response), so saves never race and retry.
  const targets = idleTargets(load.ids);
  const started = performance.now();
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    pipelining: 1,
    duration: until.durationMs / 1000,
    headers: { authorization: `Bearer ${load.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request, context) => {
          const id = targets.take();
          (context as { id?: string }).id = id;
          return { ...request, path: `/api/v1/dashboards/${id}`, body: JSON.stringify(threeFieldEdit(edits++)) };
        },
        onResponse: (_status, _body, context) => targets.release((context as { id: string }).id),
      },
    ],
  });
  if (result.non2xx || result.errors) {
    throw new Error(`PATCH load: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`);
  }
  // The wall clock includes the answers still in flight when the duration ends.
  const seconds = (performance.now() - started) / 1000;
  return {
    ops: result['2xx'],
    seconds: round(seconds, 3),
    opsPerSecond: round(result['2xx'] / seconds, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: 0,
  };
}
