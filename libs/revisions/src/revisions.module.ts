import { Module, type DynamicModule } from '@nestjs/common';
import { CreateEntityHandler } from './commands/create-entity/create-entity.handler.js';
import { DeleteEntityHandler } from './commands/delete-entity/delete-entity.handler.js';
import { PruneRevisionsHandler } from './commands/prune-revisions/prune-revisions.handler.js';
import { RebuildProjectionsHandler } from './commands/rebuild-projections/rebuild-projections.handler.js';
import { RestoreVersionHandler } from './commands/restore-version/restore-version.handler.js';
import { PinVersionHandler } from './commands/pin-version/pin-version.handler.js';
import { UnpinVersionHandler } from './commands/unpin-version/unpin-version.handler.js';
import { PinStore } from './pins/pin-store.js';
import { RestoreWorldReader } from './commands/restore-version/restore-world.js';
import { PurgeEntityHandler } from './commands/purge-entity/purge-entity.handler.js';
import { ListTrashHandler } from './queries/list-trash/list-trash.handler.js';
import { StreamPurger } from './trash/stream-purger.js';
import { RedactEntityHandler } from './commands/redact-entity/redact-entity.handler.js';
import { StreamRedactor } from './redaction/stream-redactor.js';
import { UniqueFields } from './references/unique-fields.js';
import { SaveEntityHandler } from './commands/save-entity/save-entity.handler.js';
import { Clock, SystemClock } from './clock.js';
import type { EntityDefinition } from './definition/entity-definition.js';
import { ENTITY_DEFINITIONS, DefinitionRegistry } from './definition/definition-registry.js';
import { DEFAULT_REVISION_OPTIONS, REVISION_OPTIONS, type RevisionEngineOptions } from './revision-options.js';
import { HeadRows } from './event-store/head-rows.js';
import { RevisionStore } from './event-store/revision-store.js';
import { StatementsByKind } from './event-store/statements-by-kind.js';
import { StreamReader } from './event-store/stream-reader.js';
import { EventFeed } from './event-feed/event-feed.js';
import { RevisionPublisher } from './event-feed/revision-publisher.js';
import { ListEventsHandler } from './queries/list-events/list-events.handler.js';
import { SubscriptionStatusHandler } from './queries/subscription-status/subscription-status.handler.js';
import { Subscriptions } from './subscriptions/subscriptions.js';
import { ChangeFeedHandler } from './queries/change-feed/change-feed.handler.js';
import { VerifyStreamsHandler } from './queries/verify-streams/verify-streams.handler.js';
import { DiffVersionsHandler } from './queries/diff-versions/diff-versions.handler.js';
import { GetEntityHandler } from './queries/get-entity/get-entity.handler.js';
import { GetVersionHandler } from './queries/get-version/get-version.handler.js';
import { ListEntitiesHandler } from './queries/list-entities/list-entities.handler.js';
import { ListVersionsHandler } from './queries/list-versions/list-versions.handler.js';
import { ChildUsageFinder } from './references/child-usage-finder.js';
import { ReferenceChecker } from './references/reference-checker.js';
import { EntityStreams } from './streams/entity-streams.js';

const commandHandlers = [CreateEntityHandler, SaveEntityHandler, DeleteEntityHandler, RestoreVersionHandler, RebuildProjectionsHandler, PruneRevisionsHandler, PinVersionHandler, UnpinVersionHandler, PurgeEntityHandler, RedactEntityHandler];
const queryHandlers = [GetEntityHandler, ListEntitiesHandler, ListVersionsHandler, GetVersionHandler, DiffVersionsHandler, ChangeFeedHandler, ListEventsHandler, SubscriptionStatusHandler, VerifyStreamsHandler, ListTrashHandler];
const services = [StatementsByKind, RevisionStore, HeadRows, StreamReader, EntityStreams, ReferenceChecker, ChildUsageFinder, RestoreWorldReader, PinStore, UniqueFields, StreamPurger, StreamRedactor, RevisionPublisher, EventFeed, Subscriptions];

/**
 * The generic revision engine. It is given the entity definitions it serves and knows nothing
 * else about them; commands and queries go through the CQRS buses.
 */
@Module({})
export class RevisionsModule {
  static forRoot(definitions: EntityDefinition[], options: Partial<RevisionEngineOptions> = {}): DynamicModule {
    return {
      module: RevisionsModule,
      global: true,
      providers: [
        { provide: ENTITY_DEFINITIONS, useValue: definitions },
        { provide: REVISION_OPTIONS, useValue: { ...DEFAULT_REVISION_OPTIONS, ...options } },
        { provide: Clock, useClass: SystemClock },
        DefinitionRegistry,
        ...services,
        ...commandHandlers,
        ...queryHandlers,
      ],
      exports: [DefinitionRegistry, Clock, RevisionStore, HeadRows, StreamReader, REVISION_OPTIONS, EventFeed, Subscriptions, EntityStreams],
    };
  }
}
