import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../actor.js';
import { describeChanges } from '../change-log/describe-changes.js';
import { Clock } from '../clock.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { applyChanges } from '../document/apply-changes.js';
import type { JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';
import type { NewRevisionEvent, RestoredFrom, RevisionEvent, RevisionEventData } from '../event-store/revision-event.js';
import { AppendConflict, RevisionStore, type Lifecycle } from '../event-store/revision-store.js';
import { versionIdOf } from '../event-store/version-id.js';
import type { EntityHead } from '../projections/entity-head.js';
import { evolve } from '../projections/fold-stream.js';
import { projectionDelta } from '../projections/projection-delta.js';
import { revisionMessage } from '../validation/revision-message.js';
import { REVISION_OPTIONS, type RevisionEngineOptions } from '../revision-options.js';
import { EntityHeads } from './entity-heads.js';

export interface AppendOptions {
  type: 'Updated' | 'Restored' | 'Deleted' | 'Imported';
  changes: StateChange[];
  /** When the change happened, if not now: a history bundle keeps its original timestamps. */
  at?: string;
  cached?: JsonObject;
  restoredFrom?: RestoredFrom;
}

const lifecycleOf: Record<AppendOptions['type'], Lifecycle> = { Updated: null, Restored: 'live', Deleted: 'deleted', Imported: null };

/** Builds the next event of a stream and appends it with its projection and change records. */
@Injectable()
export class RevisionWriter {
  constructor(
    private readonly store: RevisionStore,
    private readonly clock: Clock,
    @Inject(REVISION_OPTIONS) private readonly options: RevisionEngineOptions,
    private readonly heads: EntityHeads,
  ) {}

  async create(definition: EntityDefinition, id: string, document: JsonObject, cached: JsonObject, context: CommandContext, at?: string): Promise<EntityHead> {
    const event = this.event(definition, id, 1, { type: 'Created', data: { state: document } }, context, undefined, at);
    await this.store.appendCreated(definition, event, cached);
    const head = { ...evolve(undefined, { ...event, position: '' } as RevisionEvent), cached };
    this.heads.remember(head);
    return head;
  }

  /** Appends the next version after `head`; throws `AppendConflict` when another writer won. */
  async append(definition: EntityDefinition, head: EntityHead, options: AppendOptions, context: CommandContext): Promise<EntityHead> {
    const data = (options.type === 'Deleted' ? { type: 'Deleted', data: {} } : { type: options.type, data: { changes: options.changes } }) as RevisionEventData;
    const event = this.event(definition, head.id, head.version + 1, data, context, options.restoredFrom, options.at);
    // The projection stores exactly what folding the event gives, so rebuilds match it row for row.
    const after = applyChanges(head.document, options.changes);
    const records = describeChanges(definition, options.changes, head.document, after);
    const delta = projectionDelta(definition, options.changes, after);
    const next: EntityHead = { ...evolve(head, { ...event, position: '' } as RevisionEvent), cached: { ...head.cached, ...options.cached } };
    const snapshot = next.version % this.options.snapshotEvery === 0 ? next : null;
    try {
      const { cached } = await this.store.append(definition, event, records, delta, lifecycleOf[options.type], options.cached, snapshot);
      next.cached = cached ?? next.cached;
    } catch (error) {
      if (error instanceof AppendConflict) this.heads.forget(definition.kind, head.id); // the next attempt re-reads
      throw error;
    }
    this.heads.remember(next);
    return next;
  }

  private event(
    definition: EntityDefinition,
    id: string,
    version: number,
    data: RevisionEventData,
    context: CommandContext,
    restoredFrom?: RestoredFrom,
    at?: string,
  ): NewRevisionEvent {
    const message = revisionMessage(context.message);
    return {
      ...data,
      streamKind: definition.kind,
      streamId: id,
      version,
      versionId: versionIdOf(id, version),
      recordedAt: at ?? this.clock.now().toISOString(),
      metadata: {
        actor: { id: context.actor.id },
        org: context.actor.org,
        ...(context.commandId && { commandId: context.commandId }),
        ...(context.correlationId && { correlationId: context.correlationId }),
        ...(restoredFrom && { restoredFrom }),
        ...(message && { message }),
      },
    } as NewRevisionEvent;
  }
}
