import { Agent, request } from 'node:http';
import { threeFieldEdit } from './fixtures.js';
import { percentile, round } from './measure.js';
import { idleTargets, type PatchLoad } from './http-load.js';

export interface PacedRun {
  /** Requests per second asked for, and answered. */
  rate: number;
  opsPerSecond: number;
  ops: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

let edits = 5_000_000;

/**
 * PATCH /api/v1/dashboards/:id at a fixed rate, open loop: request i is due at start + i / rate,
 * whether or not earlier ones have answered, and its latency runs from when it was due (so a stall
 * shows in every request it delays). Sent over `connections` keep-alive sockets; requests wait in
 * the agent's queue when all are busy. autocannon's `overallRate` is not used: it lets each
 * connection send its whole quota for a second as fast as it can, then idles, so "half load" would
 * be full load half of each second.
 */
export async function pacedPatchLoad(load: PatchLoad, rate: number, durationMs: number): Promise<PacedRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const { hostname, port } = new URL(load.url);
  const latencies: number[] = [];
  const failures: string[] = [];
  const targets = idleTargets(load.ids);

  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const id = targets.take();
      const body = JSON.stringify(threeFieldEdit(edits++));
      const outgoing = request(
        { agent, host: hostname, port, method: 'PATCH', path: `/api/v1/dashboards/${id}`, headers: { authorization: `Bearer ${load.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.once('end', () => {
            targets.release(id);
            if (response.statusCode === 200) latencies.push(performance.now() - due);
            else failures.push(String(response.statusCode));
            resolve();
          });
        },
      );
      outgoing.once('error', (error) => {
        targets.release(id);
        failures.push(error.message);
        resolve();
      });
      outgoing.end(body);
    });

  const intervalMs = 1000 / rate;
  const total = Math.round((durationMs / 1000) * rate);
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && started + sent * intervalMs <= now) inFlight.push(send(started + sent++ * intervalMs));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + sent * intervalMs - performance.now())));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failures.length) throw new Error(`paced PATCH load: ${failures.length} failed (${failures.slice(0, 5).join(', ')})`);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate: round(rate, 1),
    opsPerSecond: round(sorted.length / seconds, 1),
    ops: sorted.length,
    p50Ms: round(percentile(sorted, 0.5), 3),
    p90Ms: round(percentile(sorted, 0.9), 3),
    p99Ms: round(percentile(sorted, 0.99), 3),
    maxMs: round(sorted.at(-1) ?? Number.NaN, 3),
  };
}
