import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '#revisions/actor.js';
import { canonicalJson } from '#revisions/document/canonical-json.js';
import { IdempotencyKeyReusedError } from '#revisions/errors.js';
import { IdempotencyStore, type KeyScope, type StoredResponse } from './idempotency-store.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\w.:-]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location', 'x-rewind-merged'];
const COMMAND_NAMESPACE = '3b241101-e2bb-4255-8caf-4136c566a962';

/**
 * `Idempotency-Key` on a write: the first request runs and its 2xx answer is kept; a repeat with
 * the same key and request gets that answer again and appends nothing; the same key with another
 * request is a 422; a repeat while the first still holds its lease is a 409 with `Retry-After`.
 * The command id is (org, user, key) alone, so whatever happened to the first request (a crash
 * before or after its commit, a database outage), the event store appends the write at most once
 * and a retry that runs again answers from what the first one wrote.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: Actor; commandId?: string; requestHash?: string }>();
    const key = request.headers['idempotency-key'];
    if (!WRITES.has(request.method) || key === undefined || !request.user) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) throw new BadRequestException('Idempotency-Key must be 1–255 letters, digits, or . _ : -');
    const scope: KeyScope = { org: request.user.org, actor: request.user.id, key };
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return from(this.run(scope, requestHash(request), status, request, context.switchToHttp().getResponse<Response>(), next));
  }

  private async run(scope: KeyScope, hash: string, status: number, request: { commandId?: string; requestHash?: string }, response: Response, next: CallHandler): Promise<unknown> {
    const holder = randomUUID();
    const claim = await this.store.claim(scope, hash, holder);
    if (claim.outcome === 'reused') throw new IdempotencyKeyReusedError('this Idempotency-Key was used with a different request');
    if (claim.outcome === 'replay') return replay(claim.response, response);
    if (claim.outcome === 'busy') {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(claim.retryAfterMs / 1000))));
      throw new ConflictException('a request with this Idempotency-Key is still running; retry shortly');
    }
    request.commandId = commandIdOf(scope);
    request.requestHash = hash;
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers = Object.fromEntries(REPLAYED_HEADERS.filter((name) => response.hasHeader(name)).map((name) => [name, String(response.getHeader(name))]));
      await this.store.complete(scope, hash, { status, headers, body });
      return body;
    } catch (error) {
      // Best effort: when the database is gone, the lease frees the key within seconds instead.
      await this.store.release(scope, holder).catch(() => undefined);
      throw error;
    }
  }
}

/** The same for every attempt of one request, whenever it runs: no time or attempt in it. */
export function commandIdOf(scope: KeyScope): string {
  return uuidv5(`${scope.org}\n${scope.actor}\n${scope.key}`, COMMAND_NAMESPACE);
}

function replay(stored: StoredResponse, response: Response): unknown {
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  response.setHeader('Idempotent-Replayed', 'true');
  return stored.body;
}

/** Method, path and query, If-Match and the body with keys sorted: what "the same request" means. */
function requestHash(request: Request): string {
  const canonical = `${JSON.stringify([request.method, request.originalUrl, request.headers['if-match'] ?? null])}${canonicalJson(request.body ?? null)}`;
  return createHash('sha256').update(canonical).digest('hex');
}
