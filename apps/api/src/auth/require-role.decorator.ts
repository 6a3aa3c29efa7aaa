import { ForbiddenException, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '#revisions/actor.js';

const REQUIRED_ROLE = 'rewind:required-role';

/** Only callers holding `role` reach the handler (checked after the token is verified). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (!role) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!actor?.roles.includes(role)) throw new ForbiddenException(`this needs the ${role} role`);
    return true;
  }
}
