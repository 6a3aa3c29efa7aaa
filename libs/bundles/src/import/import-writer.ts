import { Injectable } from '@nestjs/common';
import type { CommandContext } from '#revisions/actor.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { ResourceMappings } from '../mappings/resource-mappings.js';
import type { ImportPlan } from './import-plan.js';
import { replayHistory } from './replay-history.js';

/**
 * Writes a plan through the engine's own append path (the statements a single save uses), inside
 * the caller's transaction: datasets, then charts, then dashboards, then the mappings.
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly mappings: ResourceMappings,
  ) {}

  async apply(plan: ImportPlan, context: CommandContext): Promise<void> {
    // A bundle is many commands in one: a per-request command id would collide with itself.
    const importContext: CommandContext = { actor: context.actor, correlationId: context.correlationId, message: context.message };
    await this.mappings.saveDatabases(plan.org, plan.databases);
    for (const entity of plan.entities) {
      const definition = this.definitions.get(entity.entityKind);
      if (entity.action === 'create' && entity.history) await replayHistory(this.streams, definition, entity, importContext);
      else if (entity.action === 'create') await this.streams.create(definition, entity.id, entity.document, entity.cached, importContext);
      if (entity.action === 'update') await this.streams.append(definition, entity.head!, { type: 'Imported', changes: entity.changes, cached: entity.cached }, importContext);
    }
    await this.mappings.save(plan.org, plan.source, plan.mappings);
  }
}
