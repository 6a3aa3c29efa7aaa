import { Inject, Injectable } from '@nestjs/common';
import type { Actor, CommandContext } from '#revisions/actor.js';
import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import { Clock } from '#revisions/clock.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { applyChanges } from '#revisions/document/apply-changes.js';
import { sameJson, type JsonObject } from '#revisions/document/json.js';
import { isLargeJson, yieldToEventLoop } from '#revisions/document/large-json.js';
import type { StateChange } from '#revisions/document/state-change.js';
import { EntityNotFoundError, RevisionPrunedError, VersionNotFoundError } from '#revisions/errors.js';
import type { RestoredFrom, RevisionEvent, RevisionEventData, RevisionMetadata } from '#revisions/event-store/revision-event.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { RevisionStore, type Lifecycle } from '#revisions/event-store/revision-store.js';
import { StreamReader } from '#revisions/event-store/stream-reader.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { evolve, foldStream } from '#revisions/projections/fold-stream.js';
import { projectionDelta } from '#revisions/projections/projection-delta.js';
import { REVISION_OPTIONS, type RevisionEngineOptions } from '#revisions/revision-options.js';
import { isUuid } from '#revisions/validation/is-uuid.js';
import { appendTexts } from './append-texts.js';
import { HeadCache, type HeadCacheStats } from './head-cache.js';
import { newEvent, unpositioned } from './new-event.js';

/** What a decider asks to append after the head. */
export interface Append {
  type: 'Updated' | 'Restored' | 'Deleted' | 'Imported';
  changes: StateChange[];
  /** When the change happened, if not now: a history bundle keeps its original timestamps. */
  at?: string;
  /** The change records, when the decider already classified the changes (a restore reports them). */
  records?: ChangeRecord[];
  /** Cached (unversioned) fields the command sets. */
  cached?: JsonObject;
  restoredFrom?: RestoredFrom;
  /** What a restore could not bring back; kept in the event, so a retried request answers with them again. */
  warnings?: RevisionMetadata['warnings'];
  /** Referenced ids (by kind) the version keeps: the append writes nothing and throws `ReferencesGone` if one no longer exists. */
  kept?: Record<string, string[]>;
}

export interface HeadOptions {
  includeDeleted?: boolean;
  /** A write may decide on the cached head: its append checks the version. Reads always query. */
  forWrite?: boolean;
}

const lifecycleOf: Record<Append['type'], Lifecycle> = { Updated: null, Restored: 'live', Deleted: 'deleted', Imported: null };
const jsonBytes = (value: unknown) => JSON.stringify(value).length;

/**
 * The one owner of entity streams: loads heads, rebuilds any version (nearest snapshot + fold),
 * appends, and keeps the head cache coherent with what it appended. Nothing else touches the cache.
 */
@Injectable()
export class EntityStreams {
  private readonly cache: HeadCache;
  private readonly retries = new Map<string, number>();

  constructor(
    private readonly store: RevisionStore,
    private readonly heads: HeadRows,
    private readonly reader: StreamReader,
    private readonly clock: Clock,
    @Inject(REVISION_OPTIONS) private readonly options: RevisionEngineOptions,
  ) {
    this.cache = new HeadCache(options.headCacheBytes);
  }

  /** The head if the actor's org may see it; anything else is a 404 that says nothing more. */
  async head(definition: EntityDefinition, id: string, actor: Actor, options: HeadOptions = {}): Promise<EntityHead> {
    const head = isUuid(id) ? await this.load(definition, id.toLowerCase(), actor.org, options.forWrite ?? false) : undefined;
    if (!head) throw new EntityNotFoundError(definition.kind, id);
    if (head.deletedAt && !options.includeDeleted) {
      throw new EntityNotFoundError(definition.kind, id, ' (deleted; its history is still readable)');
    }
    return head;
  }

  /** Version number behind a version id of this entity: 404 when it never existed, 410 when pruned. */
  async versionNumber(definition: EntityDefinition, head: EntityHead, versionId: string): Promise<number> {
    const id = versionId.toLowerCase();
    const version = isUuid(id) ? await this.reader.findVersionNumber(definition.kind, head.id, id) : undefined;
    if (version !== undefined) return version;
    if (isUuid(id) && this.wasPruned(head, id)) throw new RevisionPrunedError(definition.kind, head.id, versionId);
    throw new VersionNotFoundError(definition.kind, head.id, versionId);
  }

  /**
   * The version current at the instant `at`: 404 before the entity was created, 410 when that
   * moment's version was pruned (before the oldest kept version, or in a gap between pins).
   */
  async versionAt(definition: EntityDefinition, head: EntityHead, at: string): Promise<number> {
    if (Date.parse(at) < Date.parse(head.createdAt)) throw new EntityNotFoundError(definition.kind, head.id, ` at ${at} (created later)`);
    const found = await this.reader.findVersionAt(definition.kind, head.id, at);
    const inGap = found && found.next !== null && found.next > found.version + 1;
    if (!found || (inGap && !(found.prunedSince && Date.parse(at) < Date.parse(found.prunedSince)))) {
      throw new RevisionPrunedError(definition.kind, head.id, '', `the state of ${definition.kind} ${head.id} at ${at} was pruned by retention`);
    }
    return found.version;
  }

  async stateAt(definition: EntityDefinition, head: EntityHead, version: number): Promise<EntityHead> {
    return version === head.version ? head : (await this.read(definition, head, version)).state;
  }

  /** The state at `version` and the event that made it; 410 when that part of the stream was pruned. */
  async read(definition: EntityDefinition, head: EntityHead, version: number): Promise<{ state: EntityHead; event: RevisionEvent }> {
    const found = await this.fold(definition.kind, head.id, version);
    if (!found) throw new RevisionPrunedError(definition.kind, head.id, versionIdOf(head.id, version));
    return found;
  }

  /**
   * The nearest snapshot at or below `version` plus the events after it, folded; undefined when they
   * are gone. `startAt`: a version known to hold the full state (a baseline), so nothing older is read.
   */
  async fold(kind: string, id: string, version: number, startAt = 1): Promise<{ state: EntityHead; event: RevisionEvent } | undefined> {
    const found = await this.reader.findSnapshot(kind, id, version);
    const snapshot = found && found.version >= startAt ? found : undefined;
    // Read from the snapshot's own event: it names the operation when the snapshot is the target.
    const events = await this.reader.readStream(kind, id, { fromVersion: snapshot?.version ?? startAt, toVersion: version });
    const event = events[events.length - 1];
    const startsWithState = events[0]?.type === 'Created' || events[0]?.type === 'Baseline';
    if (!event || event.version !== version || (!snapshot && !startsWithState)) return undefined;
    const state = snapshot ? foldStream(events.filter((e) => e.version > snapshot.version), snapshot)! : foldStream(events)!;
    return { state, event };
  }

  /** The events after `version` up to the head: what a client that saw `version` has not seen. */
  async eventsAfter(definition: EntityDefinition, head: EntityHead, version: number): Promise<RevisionEvent[]> {
    return version >= head.version ? [] : this.reader.readStream(definition.kind, head.id, { fromVersion: version + 1, toVersion: head.version });
  }

  async create(definition: EntityDefinition, id: string, document: JsonObject, cached: JsonObject, context: CommandContext, at?: string): Promise<EntityHead> {
    const event = newEvent(definition.kind, id, 1, { type: 'Created', data: { state: document } }, context, at ?? this.clock.now().toISOString());
    await this.store.appendCreated(definition, event, cached);
    const head = { ...evolve(undefined, unpositioned(event)), cached };
    this.cache.set(head, jsonBytes(document) + jsonBytes(cached));
    return head;
  }

  /** Appends the next version after `head`; throws `AppendConflict` when another writer won. */
  async append(definition: EntityDefinition, head: EntityHead, append: Append, context: CommandContext): Promise<EntityHead> {
    const data = (append.type === 'Deleted' ? { type: 'Deleted', data: {} } : { type: append.type, data: { changes: append.changes } }) as RevisionEventData;
    const event = newEvent(definition.kind, head.id, head.version + 1, data, context, append.at ?? this.clock.now().toISOString(), append);
    // A large edit (a 50,000-item list) is done in slices, so other requests run in between.
    const large = isLargeJson(append.changes);
    // The projection stores exactly what folding the event gives, so rebuilds match it row for row.
    const after = applyChanges(head.document, append.changes);
    if (large) await yieldToEventLoop();
    const records = append.records ?? describeChanges(definition, append.changes, head.document, after);
    const delta = projectionDelta(definition, append.changes, after);
    if (large) await yieldToEventLoop();
    // `after` is what folding the event gives: evolve is not asked to apply (and copy) the changes again.
    const next: EntityHead = { ...evolve(head, unpositioned(event), after), cached: { ...head.cached, ...append.cached } };
    const snapshot = next.version % this.options.snapshotEvery === 0 ? next : null;
    const texts = appendTexts(after, append.changes);
    try {
      const { cached } = await this.store.append(definition, event, { records, delta, lifecycle: lifecycleOf[append.type], cached: append.cached, snapshot, kept: append.kept, texts });
      next.cached = cached ?? next.cached;
    } catch (error) {
      this.cache.delete(definition.kind, head.id); // the next attempt re-reads
      throw error;
    }
    // The size grows by what changed (its text is already written): an estimate that only errs high, corrected on the next load.
    this.cache.set(next, (this.cache.bytesOf(head) ?? this.measure(head)) + texts.stringify(append.changes).length + jsonBytes(append.cached ?? {}));
    return next;
  }

  /** A save that changed only cached fields: no event, the row's cached columns are updated. */
  async saveCached(definition: EntityDefinition, head: EntityHead, cached: JsonObject): Promise<EntityHead> {
    const next = { ...head, cached: { ...head.cached, ...cached } };
    if (Object.keys(cached).every((name) => sameJson(cached[name], head.cached[name]))) return next;
    await this.heads.updateCached(definition, head.id, head.orgId, cached);
    this.cache.set(next, this.measure(next));
    return next;
  }

  /** After a purge or a redaction rewrote one stream behind the cache's back. */
  forgetHead(kind: string, id: string): void {
    this.cache.delete(kind, id);
  }

  /** Hits, misses and size of the head cache since start, for operators. */
  headCacheStats(): HeadCacheStats {
    return this.cache.stats();
  }

  /** A write lost the race for its next version (to another replica, or past a stale cached head) and tries again. */
  countRetry(kind: string): void {
    this.retries.set(kind, (this.retries.get(kind) ?? 0) + 1);
  }

  /** Retried writes by kind since start, for operators. */
  retryCounts(): ReadonlyMap<string, number> {
    return this.retries;
  }

  /** After a rebuild replaced every head behind the cache's back. */
  forgetAllHeads(): void {
    this.cache.clear();
  }

  private async load(definition: EntityDefinition, id: string, org: string, forWrite: boolean): Promise<EntityHead | undefined> {
    const cached = forWrite ? this.cache.get(definition.kind, id) : undefined;
    if (cached) return cached.orgId === org ? cached : undefined;
    const head = await this.heads.loadHead(definition, id, org);
    if (head && forWrite) this.cache.set(head, this.measure(head));
    return head;
  }

  private measure(head: EntityHead): number {
    return jsonBytes(head.document) + jsonBytes(head.cached);
  }

  /**
   * Version ids are UUID v5 of (entity, version): an id of this entity that is not stored was pruned
   * (pins leave gaps, so any version up to the head may be one).
   */
  private wasPruned(head: EntityHead, versionId: string): boolean {
    for (let version = 1; version <= head.version; version++) if (versionIdOf(head.id, version) === versionId) return true;
    return false;
  }
}
