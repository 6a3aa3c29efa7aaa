import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#revisions/actor.js';
import { SubscriptionStatusQuery } from '#revisions/queries/subscription-status/subscription-status.query.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/subscriptions')
export class SubscriptionsController {
  constructor(private readonly queries: QueryBus) {}

  /** Each subscription's checkpoint, the event it is retrying, and this org's parked events. */
  @Get()
  @RequireRole('admin')
  list(@CurrentActor() actor: Actor) {
    return this.queries.execute(new SubscriptionStatusQuery(actor));
  }
}
