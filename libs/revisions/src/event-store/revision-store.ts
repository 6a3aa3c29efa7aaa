import { Injectable } from '@nestjs/common';
import { Database, type SqlExecutor } from '#database/database.js';
import { UniqueValueTakenError } from '#revisions/errors.js';
import { isUniqueViolation } from '#database/postgres-errors.js';
import type { CommandContext } from '../actor.js';
import type { ChangeRecord } from '../change-log/change-record.js';
import { IdempotencyKeyReusedError } from '../errors.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import { RevisionPublisher } from '../event-feed/revision-publisher.js';
import { COMPACT_STREAM } from '../commands/prune-revisions/retention-sql.js';
import type { JsonObject } from '../document/json.js';
import { JsonTexts } from '../document/json-texts.js';
import type { EntityHead } from '../projections/entity-head.js';
import type { ProjectionDelta } from '../projections/projection-delta.js';
import type { NewRevisionEvent } from './revision-event.js';
import { StatementsByKind } from './statements-by-kind.js';

/** An append that keeps references (by kind) to entities that no longer exist wrote nothing. */
export class ReferencesGone extends Error {
  constructor(readonly ids: string[]) {
    super(`referenced entities no longer exist: ${ids.join(', ')}`);
  }
}

/** The append lost: `stream` means another writer took the version, `command` that this command already ran. */
export class AppendConflict extends Error {
  constructor(readonly reason: 'stream' | 'command') {
    super(`append conflict on ${reason}`);
  }
}

export type Lifecycle = 'deleted' | 'live' | null;

/** What one append writes besides its event. */
export interface AppendWrite {
  records: ChangeRecord[];
  delta: ProjectionDelta;
  lifecycle: Lifecycle;
  /** Cached fields the command sets. */
  cached?: JsonObject;
  /** The full head, every Nth version. */
  snapshot?: EntityHead | null;
  /** Referenced ids (by kind) the version keeps; the statement checks they still exist. */
  kept?: Record<string, string[]>;
  /** Texts of values already serialised (the caller may alias copies of the event's values). */
  texts?: JsonTexts;
}

/**
 * Appends revision events and keeps each kind's projection in step, one statement per save.
 * The unique (stream, version) key turns a lost race into an `AppendConflict`; the command id on
 * an event answers whether a command already ran. Reading: stream-reader.ts and head-rows.ts.
 */
@Injectable()
export class RevisionStore {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
    private readonly publisher: RevisionPublisher,
    private readonly statements: StatementsByKind,
  ) {}

  /** `executor`: a transaction to append in (the news is published when it commits); by default its own. */
  async appendCreated(definition: EntityDefinition, event: NewRevisionEvent, cached: JsonObject, executor: SqlExecutor = this.db): Promise<{ position: string }> {
    const state = (event.data as { state: JsonObject }).state;
    const texts = new JsonTexts();
    const params = await eventParams(event, [], texts);
    return this.run(`rewind_${definition.kind}_create`, this.statements.of(definition).create, [...params, texts.stringify({ document: state, cached })], event, [], executor);
  }

  async append(definition: EntityDefinition, event: NewRevisionEvent, write: AppendWrite, executor: SqlExecutor = this.db): Promise<{ position: string; cached: JsonObject }> {
    const { records, delta, lifecycle, cached = {}, snapshot = null, kept = {}, texts = new JsonTexts() } = write;
    const params = await eventParams(event, records, texts);
    const projection = texts.stringify({ ...delta, cached, snapshot: snapshot && { ...snapshot, cached: undefined }, kept });
    await texts.pace();
    return this.run(`rewind_${definition.kind}_append`, this.statements.of(definition).append, [...params, lifecycle, projection], event, records, executor);
  }

  /**
   * Retention: versions after `after` up to the baseline's version become that one baseline, with
   * their change records and snapshots, through the migration role's function (the API's role may
   * not delete history). Returns how many events (the baseline's own not counted) and records went.
   */
  async replaceByBaseline(event: NewRevisionEvent & { type: 'Baseline' }, after: number): Promise<{ events: number; changes: number }> {
    // A baseline's state is folded from events read in the current shape: it is the current schema version.
    const schemaVersion = this.definitions.get(event.streamKind).schemaVersion;
    const values = [event.streamKind, event.streamId, after, event.version, event.versionId, JSON.stringify(event.data), JSON.stringify(event.metadata), event.recordedAt, schemaVersion];
    const [row] = await this.db.query<{ pruned_events: number; pruned_changes: number; baseline_position: string }>(COMPACT_STREAM, values);
    this.publisher.recorded(this.db, event, row.baseline_position, []);
    return { events: row.pruned_events, changes: row.pruned_changes };
  }

  /** The event a command already appended, if it ran before. */
  async findByCommandId(commandId: string): Promise<{ streamId: string; version: number; requestHash?: string } | undefined> {
    const [row] = await this.db.query<{ stream_id: string; version: number; request_hash: string | null }>({
      name: 'rewind_find_command',
      text: `select stream_id, version, metadata ->> 'requestHash' as request_hash from revision_events where metadata ->> 'commandId' = $1`,
      values: [commandId],
    });
    return row && { streamId: row.stream_id, version: row.version, ...(row.request_hash && { requestHash: row.request_hash }) };
  }

  /**
   * Whether the context's command already appended its event: a retry (after a crash, an outage or
   * a lost answer) is then answered from what it wrote instead of running again. The same command
   * id with another input is a 422.
   */
  async commandRan(context: CommandContext): Promise<boolean> {
    if (!context.commandId) return false;
    const earlier = await this.findByCommandId(context.commandId);
    if (earlier && context.requestHash && earlier.requestHash && earlier.requestHash !== context.requestHash) {
      throw new IdempotencyKeyReusedError('this Idempotency-Key was used with a different request');
    }
    return earlier !== undefined;
  }

  /** The one way events are appended: the statement, then the news once it is committed. */
  private async run<Row extends { position: string }>(
    name: string,
    text: string,
    values: unknown[],
    event: NewRevisionEvent,
    records: ChangeRecord[],
    executor: SqlExecutor,
  ): Promise<Row> {
    const commandId = event.metadata.commandId;
    try {
      const [row] = await executor.query<Row & { gone?: string[] }>({ name, text, values });
      if (row.gone?.length) throw new ReferencesGone(row.gone);
      this.publisher.recorded(executor, event, row.position, records);
      return row;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // PostgreSQL reports the first unique index hit, often (stream, version) even when the command
      // already ran: look the command up before calling it a lost race.
      if (commandId && (await this.findByCommandId(commandId))) throw new AppendConflict('command');
      // A unique field of live entities (a dashboard's slug) taken by a concurrent write: not a race to retry.
      const constraint = (error as { constraint?: string }).constraint;
      const field = constraint?.match(/_live_unique_(\w+)$/)?.[1];
      if (field) throw new UniqueValueTakenError(event.streamKind, field);
      throw new AppendConflict('stream');
    }
  }
}

/** The event's data and its change records hold the same big values: `texts` serialises each once, a turn of the event loop apart. */
async function eventParams(event: NewRevisionEvent, records: ChangeRecord[], texts: JsonTexts): Promise<unknown[]> {
  const data = texts.stringify(event.data);
  await texts.pace();
  const changes = texts.stringify(records);
  await texts.pace();
  return [
    event.streamKind,
    event.streamId,
    event.version,
    event.versionId,
    event.type,
    data,
    JSON.stringify(event.metadata),
    event.recordedAt,
    event.metadata.actor.id,
    event.metadata.org,
    changes,
  ];
}
