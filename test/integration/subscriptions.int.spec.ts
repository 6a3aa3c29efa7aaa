import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '#database/database.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { CommandContext } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import type { FeedEvent } from '#revisions/event-feed/feed-event.js';
import { SubscriptionStatusQuery } from '#revisions/queries/subscription-status/subscription-status.query.js';
import type { Subscriber, SubscriptionOptions } from '#revisions/subscriptions/subscriber.js';
import { Subscriptions } from '#revisions/subscriptions/subscriptions.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const OPTIONS = Symbol('OPTIONS');

/** A subscriber that records what it was handed, and fails on the entities it is told to. */
@Injectable()
class Recorder implements Subscriber, OnModuleInit {
  readonly seen: FeedEvent[] = [];
  readonly tries = new Map<number, number[]>();
  readonly poison = new Set<string>();

  constructor(
    private readonly subscriptions: Subscriptions,
    @Inject(OPTIONS) readonly subscription: SubscriptionOptions,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this);
  }

  async handle(event: FeedEvent): Promise<void> {
    this.tries.set(event.position, [...(this.tries.get(event.position) ?? []), Date.now()]);
    if (this.poison.has(event.entityId)) throw new Error(`cannot index ${event.entityId}`);
    this.seen.push(event);
  }
}

interface Replica {
  app: TestingModule;
  recorder: Recorder;
  commands: CommandBus;
  close(): Promise<void>;
}

let database: TestDatabase;
const open: Replica[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const replica of open) await replica.close();
  await database?.drop();
});

/** One more process of the application on the file's database, with one subscription. */
async function startReplica(subscription: SubscriptionOptions): Promise<Replica> {
  const app = await Test.createTestingModule({
    imports: [RewindCoreModule.forRoot({ url: database.url, migrationUrl: database.migrationUrl, dataDir: '.data' })],
    providers: [{ provide: OPTIONS, useValue: { pollMs: 50, lockRetryMs: 100, ...subscription } }, Recorder],
  }).compile();
  app.useLogger(['fatal']);
  await app.init();
  let closed = false;
  const replica = { app, recorder: app.get(Recorder), commands: app.get(CommandBus), close: async () => void (closed || ((closed = true), await app.close())) };
  open.push(replica);
  return replica;
}

const org = `org-${randomUUID().slice(0, 8)}`;
const context: CommandContext = { actor: { id: 'erin', org, roles: ['admin'] } };
const create = (replica: Replica, title = 'x') => replica.commands.execute(new CreateEntityCommand('dashboard', { title }, context));

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function feedOrder(db: Database): Promise<number[]> {
  const rows = await db.query<{ position: string }>('select position from revision_events order by transaction_id, position');
  return rows.map((row) => Number(row.position));
}

describe('durable subscriptions', () => {
  it('hands every event over in feed order and resumes from its checkpoint after a restart', async () => {
    const first = await startReplica({ name: 'audit' });
    for (let i = 0; i < 5; i++) await create(first);
    await waitUntil(() => first.recorder.seen.length === 5);
    await first.close();

    const second = await startReplica({ name: 'audit' });
    for (let i = 0; i < 3; i++) await create(second);
    await waitUntil(() => second.recorder.seen.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The restarted consumer starts after what the first one checkpointed: nothing twice, nothing lost.
    const handled = [...first.recorder.seen, ...second.recorder.seen].map((event) => event.position);
    expect(handled).toEqual(await feedOrder(second.app.get(Database)));
    await second.close();
  });

  it('runs on one replica at a time, and another takes over when the holder goes', async () => {
    const a = await startReplica({ name: 'single', startAt: 'now' });
    const b = await startReplica({ name: 'single', startAt: 'now' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // both have tried the lock
    for (let i = 0; i < 10; i++) await create(i % 2 ? a : b);
    await waitUntil(() => a.recorder.seen.length + b.recorder.seen.length >= 10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [holder, other] = a.recorder.seen.length ? [a, b] : [b, a];
    expect(holder.recorder.seen).toHaveLength(10);
    expect(other.recorder.seen).toHaveLength(0);

    await holder.close(); // its connection closes, and the advisory lock with it
    for (let i = 0; i < 4; i++) await create(other);
    await waitUntil(() => other.recorder.seen.length === 4);
    const handled = [...holder.recorder.seen, ...other.recorder.seen].map((event) => event.position);
    expect(new Set(handled).size).toBe(14);
    expect(handled).toEqual((await feedOrder(other.app.get(Database))).filter((position) => handled.includes(position)));
    await other.close();
  });

  it('retries a failing event with backoff, parks it after N tries for admins to see, and moves on', async () => {
    const replica = await startReplica({ name: 'fragile', startAt: 'now', maxAttempts: 3, retryBaseMs: 60 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const poison = await create(replica, 'poison');
    replica.recorder.poison.add(poison.id);
    const after = await create(replica, 'after');
    await waitUntil(() => replica.recorder.seen.some((event) => event.entityId === after.id));

    const poisonEvent = [...replica.recorder.tries.entries()].find(([, tries]) => tries.length > 1)!;
    const [, tries] = poisonEvent;
    expect(tries).toHaveLength(3);
    expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(55);
    expect(tries[2] - tries[1]).toBeGreaterThanOrEqual(115); // doubled

    const queries = replica.app.get(QueryBus);
    const { items } = await queries.execute(new SubscriptionStatusQuery({ id: 'boss', org, roles: ['admin'] }));
    const fragile = items.find((item) => item.name === 'fragile')!;
    expect(fragile.retrying).toBeNull();
    expect(fragile.parked).toEqual([
      expect.objectContaining({ position: poisonEvent[0], entityKind: 'dashboard', entityId: poison.id, version: 1, attempts: 3, lastError: `cannot index ${poison.id}` }),
    ]);
    const elsewhere = await queries.execute(new SubscriptionStatusQuery({ id: 'boss', org: 'another-org', roles: ['admin'] }));
    expect(elsewhere.items.find((item) => item.name === 'fragile')!.parked).toEqual([]);
    await expect(queries.execute(new SubscriptionStatusQuery({ id: 'erin', org, roles: ['editor'] }))).rejects.toThrow();
    await replica.close();
  });

  it('restarted while retrying an event, goes on with that event\'s tries where the last process left them', async () => {
    const first = await startReplica({ name: 'interrupted', startAt: 'now', maxAttempts: 3, retryBaseMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const poison = await create(first, 'poison');
    first.recorder.poison.add(poison.id);
    await waitUntil(() => [...first.recorder.tries.values()].some((tries) => tries.length === 1));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the failure is recorded
    await first.close();

    const second = await startReplica({ name: 'interrupted', startAt: 'now', maxAttempts: 3, retryBaseMs: 300 });
    second.recorder.poison.add(poison.id);
    const after = await create(second, 'after');
    await waitUntil(() => second.recorder.seen.some((event) => event.entityId === after.id));
    // Tries 2 and 3 here, then parked: the attempt count and the retry time came from the checkpoint.
    expect([...second.recorder.tries.values()][0]).toHaveLength(2);
    await second.close();
  });
});
