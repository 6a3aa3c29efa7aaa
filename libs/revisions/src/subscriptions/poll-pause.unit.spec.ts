import { describe, expect, it } from 'vitest';
import { PollPause } from './poll-pause.js';

const within = (pause: Promise<void>, ms: number) => Promise.race([pause.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('PollPause', () => {
  it('a wake ends the current sleep, and a wake while nobody sleeps skips the next one', async () => {
    const pauses = new PollPause();
    const sleeping = pauses.sleep(10_000);
    pauses.wake();
    expect(await within(sleeping, 100)).toBe(true);
    pauses.wake();
    expect(await within(pauses.sleep(10_000), 100)).toBe(true);
    expect(await within(pauses.sleep(10_000), 100)).toBe(false);
    pauses.stop();
  });

  it('a retry delay is not cut short by a wake, only by stop; after stop every sleep returns at once', async () => {
    const pauses = new PollPause();
    const waiting = pauses.sleep(10_000, false);
    pauses.wake();
    expect(await within(waiting, 100)).toBe(false);
    pauses.stop();
    expect(await within(waiting, 100)).toBe(true);
    expect(pauses.isStopped).toBe(true);
    expect(await within(pauses.sleep(10_000), 100)).toBe(true);
  });
});
