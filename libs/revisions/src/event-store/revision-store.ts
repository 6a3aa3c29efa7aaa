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
import { buildKindStatements, type KindStatements } from './kind-statements.js';
import type { NewRevisionEvent, RevisionEvent } from './revision-event.js';
import { EVENT_COLUMNS, readEvent, readSnapshot, type EventRow, type SnapshotRow } from './stored-rows.js';
import { toIsoTimestamp } from './timestamps.js';

/** Validated filters of an entity list; `labelPattern` is an ILIKE pattern. */
export interface EntityListFilter {
  owner?: string;
  tag?: string;
  published?: boolean;
  labelPattern?: string;
}

export interface VersionAt {
  version: number;
  next: number | null;
  prunedSince: string | null;
}

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

interface HeadRow {
  id: string;
  org_id: string;
  version: number;
  version_id: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  document: JsonObject;
  cached: JsonObject;
}

/**
 * Appends revision events and keeps each kind's projection in step, one statement per save.
 * The unique (stream, version) key turns a lost race into an `AppendConflict`.
 */
@Injectable()
export class RevisionStore {
  private readonly statements = new Map<string, KindStatements>();

  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
    private readonly publisher: RevisionPublisher,
  ) {
    for (const definition of definitions.all) this.statements.set(definition.kind, buildKindStatements(definition));
  }

  async loadHead(definition: EntityDefinition, id: string, org: string): Promise<EntityHead | undefined> {
    const [row] = await this.db.query<HeadRow>({ name: `rewind_${definition.kind}_head`, text: this.sql(definition).selectHead, values: [id, org] });
    return row && toHead(definition.kind, row);
  }

  /** Live heads of an org, newest first, after the `(createdAt, id)` cursor. */
  async loadPage(definition: EntityDefinition, org: string, after: [string, string] | undefined, limit: number, filter: EntityListFilter = {}): Promise<{ head: EntityHead; cursor: [string, string] }[]> {
    const rows = await this.db.query<HeadRow>({
      name: `rewind_${definition.kind}_page`,
      text: this.sql(definition).selectPage,
      values: [org, after?.[0] ?? null, after?.[1] ?? null, limit, filter.owner ?? null, filter.tag ?? null, filter.published ?? null, filter.labelPattern ?? null],
    });
    return rows.map((row) => {
      const head = toHead(definition.kind, row);
      return { head, cursor: [head.createdAt, head.id] };
    });
  }

  /** `executor`: a transaction to append in (the news is published when it commits); by default its own. */
  async appendCreated(definition: EntityDefinition, event: NewRevisionEvent, cached: JsonObject, executor: SqlExecutor = this.db): Promise<{ position: string }> {
    const state = (event.data as { state: JsonObject }).state;
    const texts = new JsonTexts();
    const params = await eventParams(event, [], texts);
    return this.run(`rewind_${definition.kind}_create`, this.sql(definition).create, [...params, texts.stringify({ document: state, cached })], event, [], executor);
  }

  async append(definition: EntityDefinition, event: NewRevisionEvent, write: AppendWrite, executor: SqlExecutor = this.db): Promise<{ position: string; cached: JsonObject }> {
    const { records, delta, lifecycle, cached = {}, snapshot = null, kept = {}, texts = new JsonTexts() } = write;
    const params = await eventParams(event, records, texts);
    const projection = texts.stringify({ ...delta, cached, snapshot: snapshot && { ...snapshot, cached: undefined }, kept });
    await texts.pace();
    return this.run(`rewind_${definition.kind}_append`, this.sql(definition).append, [...params, lifecycle, projection], event, records, executor);
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

  async updateCached(definition: EntityDefinition, id: string, org: string, cached: JsonObject): Promise<void> {
    await this.db.query({ name: `rewind_${definition.kind}_cache`, text: this.sql(definition).updateCached, values: [id, org, JSON.stringify(cached)] });
  }

  /** The newest snapshot at or before `version`, in the current shape. */
  async findSnapshot(kind: string, id: string, version: number): Promise<EntityHead | undefined> {
    const [row] = await this.db.query<SnapshotRow>({
      name: 'rewind_find_snapshot',
      text: 'select state, schema_version from revision_snapshots where stream_kind = $1 and stream_id = $2 and version <= $3 order by version desc limit 1',
      values: [kind, id, version],
    });
    return row && readSnapshot(row, this.definitions.get(kind));
  }

  /** Whether any org holds a stream of this kind and id (entity ids stay unique across orgs). */
  async streamExists(kind: string, id: string): Promise<boolean> {
    const [row] = await this.db.query<{ found: boolean }>({
      name: 'rewind_stream_exists',
      text: 'select exists (select 1 from revision_events where stream_kind = $1 and stream_id = $2) as found',
      values: [kind, id],
    });
    return row.found;
  }

  /** The oldest version still stored of a stream; older ones were pruned. */
  async oldestVersion(kind: string, id: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ version: number | null }>({
      name: 'rewind_oldest_version',
      text: 'select min(version) as version from revision_events where stream_kind = $1 and stream_id = $2',
      values: [kind, id],
    });
    return row?.version ?? undefined;
  }

  /** Events of one stream in version order, optionally bounded, in the current shape. */
  async readStream(kind: string, id: string, range: { fromVersion?: number; toVersion?: number } = {}): Promise<RevisionEvent[]> {
    const rows = await this.db.query<EventRow>({
      name: 'rewind_read_stream',
      text: `select ${EVENT_COLUMNS} from revision_events where stream_kind = $1 and stream_id = $2 and version between $3 and $4 order by version`,
      values: [kind, id, range.fromVersion ?? 1, range.toVersion ?? 2_147_483_647],
    });
    return rows.map((row) => readEvent(row, this.definitionOf));
  }

  async findVersionNumber(kind: string, id: string, versionId: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ version: number }>({
      name: 'rewind_find_version',
      text: 'select version from revision_events where version_id = $1 and stream_kind = $2 and stream_id = $3',
      values: [versionId, kind, id],
    });
    return row?.version;
  }

  /**
   * The newest stored version recorded at or before `at` (one probe of the stream-time index) and
   * the next stored version after it. A gap between the two was pruned; the baseline after the gap
   * says when its oldest pruned version was recorded (`prunedSince`).
   */
  async findVersionAt(kind: string, id: string, at: string, { strictlyBefore = false } = {}): Promise<VersionAt | undefined> {
    const [row] = await this.db.query<{ version: number; next: number | null; pruned_since: string | null }>({
      name: strictlyBefore ? 'rewind_version_before' : 'rewind_version_at',
      text: `select e.version, n.version as next, n.data ->> 'prunedSince' as pruned_since
             from (select version from revision_events where stream_kind = $1 and stream_id = $2 and recorded_at ${strictlyBefore ? '<' : '<='} $3::timestamptz
                   order by recorded_at desc, version desc limit 1) e
             left join lateral (select version, data from revision_events n where n.stream_kind = $1 and n.stream_id = $2 and n.version > e.version
                                order by n.version limit 1) n on true`,
      values: [kind, id, at],
    });
    return row && { version: row.version, next: row.next, prunedSince: row.pruned_since };
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

  private readonly definitionOf = (kind: string) => this.definitions.get(kind);

  private sql(definition: EntityDefinition): KindStatements {
    return this.statements.get(definition.kind)!;
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

function toHead(kind: string, row: HeadRow): EntityHead {
  return {
    kind,
    id: row.id,
    orgId: row.org_id,
    version: row.version,
    versionId: row.version_id,
    createdAt: toIsoTimestamp(row.created_at)!,
    createdBy: row.created_by,
    updatedAt: toIsoTimestamp(row.updated_at)!,
    updatedBy: row.updated_by,
    deletedAt: toIsoTimestamp(row.deleted_at),
    document: row.document,
    cached: row.cached,
  };
}
