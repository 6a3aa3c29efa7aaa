import { createHash } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '#revisions/actor.js';
import { IdempotencyKeyReusedError } from '#revisions/errors.js';
import { IdempotencyStore, type KeyScope, type StoredResponse } from './idempotency-store.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\w.:-]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location', 'x-rewind-merged'];
const COMMAND_NAMESPACE = '3b241101-e2bb-4255-8caf-4136c566a962';

/**
 * `Idempotency-Key` on a write: the first request runs and its 2xx answer is kept; a repeat with
 * the same key and request gets that answer again and appends nothing; the same key with another
 * request is a 422. The key also becomes the command id, so the engine dedupes as well.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: Actor; commandId?: string }>();
    const key = request.headers['idempotency-key'];
    if (!WRITES.has(request.method) || key === undefined || !request.user) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) throw new BadRequestException('Idempotency-Key must be 1–255 letters, digits, or . _ : -');
    const scope: KeyScope = { org: request.user.org, actor: request.user.id, key };
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return from(this.run(scope, requestHash(request), status, request, context.switchToHttp().getResponse<Response>(), next));
  }

  private async run(scope: KeyScope, hash: string, status: number, request: { commandId?: string }, response: Response, next: CallHandler): Promise<unknown> {
    const claim = await this.store.claim(scope, hash);
    if (!('claimedAt' in claim)) return this.replay(claim, hash, response);
    // The claim's time is part of the command id: once the key expires, its reuse is a new command.
    request.commandId = uuidv5(`${scope.org}\n${scope.actor}\n${scope.key}\n${claim.claimedAt}`, COMMAND_NAMESPACE);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers = Object.fromEntries(REPLAYED_HEADERS.filter((name) => response.hasHeader(name)).map((name) => [name, String(response.getHeader(name))]));
      await this.store.complete(scope, status, headers, body);
      return body;
    } catch (error) {
      await this.store.release(scope);
      throw error;
    }
  }

  private replay(stored: StoredResponse, hash: string, response: Response): unknown {
    if (stored.requestHash !== hash) throw new IdempotencyKeyReusedError('this Idempotency-Key was used with a different request');
    if (stored.status === null) throw new ConflictException('a request with this Idempotency-Key is still running; retry shortly');
    for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    return stored.body;
  }
}

/** Method, path and query, If-Match and the body with keys sorted: what "the same request" means. */
function requestHash(request: Request): string {
  const canonical = JSON.stringify([request.method, request.originalUrl, request.headers['if-match'] ?? null, sortKeys(request.body)]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  return value;
}
