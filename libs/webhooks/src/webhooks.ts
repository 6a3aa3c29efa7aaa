import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '#revisions/actor.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityNotFoundError, ValidationFailedError } from '#revisions/errors.js';
import { decodeCursor, encodeCursor, pageLimit, type Page } from '#revisions/queries/page.js';
import { WebhookStore } from './webhook-store.js';
import type { DeliveryView, WebhookView } from './webhook.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = ['url', 'entityKinds', 'secret'];

/** An org's webhooks: admins register, list and remove them and read their delivery logs. */
@Injectable()
export class Webhooks {
  constructor(
    private readonly store: WebhookStore,
    private readonly definitions: DefinitionRegistry,
  ) {}

  async create(actor: Actor, body: unknown): Promise<WebhookView> {
    return this.store.create(randomUUID(), actor.org, actor.id, this.validate(body));
  }

  list(actor: Actor): Promise<WebhookView[]> {
    return this.store.list(actor.org);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.store.remove(actor.org, id))) throw new EntityNotFoundError('webhook', id);
  }

  async deliveries(actor: Actor, id: string, limit?: number, cursor?: string): Promise<Page<DeliveryView>> {
    if (!UUID.test(id) || !(await this.store.find(actor.org, id))) throw new EntityNotFoundError('webhook', id);
    const size = pageLimit(limit);
    const [before] = decodeCursor<[string]>(cursor, ['string']) ?? [null];
    if (before !== null && !/^\d{1,18}$/.test(before)) throw new ValidationFailedError(['cursor is not valid']);
    const rows = await this.store.deliveries(id, before, size + 1);
    const shown = rows.slice(0, size);
    return {
      items: shown.map(({ cursor: _, ...delivery }) => delivery),
      nextCursor: rows.length > size ? encodeCursor([shown[shown.length - 1].cursor]) : null,
    };
  }

  /** Every problem at once, as for entities; unknown properties are refused. */
  private validate(body: unknown): { url: string; entityKinds: string[] | null; secret: string } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationFailedError(['the body must be a JSON object']);
    const { url, entityKinds, secret } = body as Record<string, unknown>;
    const problems = Object.keys(body).filter((key) => !FIELDS.includes(key)).map((key) => `property ${key} should not exist`);
    if (typeof url !== 'string' || url.length > 2048 || !isHttpUrl(url)) problems.push('url must be an http or https URL of at most 2048 characters');
    const kinds = this.definitions.all.map((definition) => definition.kind);
    if (entityKinds !== undefined && entityKinds !== null && (!Array.isArray(entityKinds) || entityKinds.length === 0 || !entityKinds.every((kind) => kinds.includes(kind)))) {
      problems.push(`entityKinds must be a non-empty list of ${kinds.join(', ')}`);
    }
    if (typeof secret !== 'string' || secret.length < 16 || secret.length > 256) problems.push('secret must be a string of 16 to 256 characters');
    if (problems.length) throw new ValidationFailedError(problems);
    return { url: url as string, entityKinds: Array.isArray(entityKinds) ? [...new Set(entityKinds as string[])] : null, secret: secret as string };
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
