import { BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * One value per query parameter: `?from=a&from=b` would reach handlers as an array, which no
 * parameter of this API means. Checked for every route before anything else runs.
 */
@Injectable()
export class SingleValueQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const query = context.switchToHttp().getRequest<Request>().query as Record<string, unknown>;
    const repeated = Object.keys(query).filter((name) => typeof query[name] !== 'string');
    if (repeated.length) throw new BadRequestException(repeated.map((name) => `query parameter ${name} must be given once`));
    return true;
  }
}
