import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '#revisions/actor.js';

/** The verified caller, set by the JWT strategy. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest().user);
