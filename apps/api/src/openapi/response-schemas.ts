import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string] & { nullable?: boolean };
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';

/**
 * Response bodies in the OpenAPI document, so clients (the history page among them) generate
 * their types from `/docs-json` instead of copying them by hand. Request bodies come from the DTOs.
 */
const ref = (name: string) => ({ $ref: getSchemaPath(name) });
const isoTime: SchemaObject = { type: 'string', format: 'date-time' };
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const anyJson: SchemaObject = { description: 'any JSON value; null when absent' } as SchemaObject;
const page = (item: string): SchemaObject => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: 'string', nullable: true, description: 'pass back as `cursor`; null on the last page' } },
});

const versionFields: Record<string, SchemaObject> = {
  versionId: uuid,
  version: { type: 'integer', minimum: 1 },
  operation: { type: 'string', description: 'create, update, delete, restore, baseline (and import)' },
  createdAt: isoTime,
  actor: ref('Actor') as SchemaObject,
  restoredFrom: ref('VersionRef') as SchemaObject,
  changes: { type: 'array', items: ref('ChangeRecord') },
  message: { type: 'string', nullable: true, description: 'the Revision-Message of the write, or null' },
  pin: { allOf: [ref('Pin')], nullable: true, description: 'null when not pinned' },
};

export const responseSchemas: Record<string, SchemaObject> = {
  Actor: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  VersionRef: { type: 'object', required: ['version', 'versionId'], properties: { version: versionFields.version, versionId: uuid } },
  ChangeRecord: {
    type: 'object',
    required: ['kind', 'op', 'path', 'from', 'to'],
    properties: {
      kind: { type: 'string', enum: ['field', 'filter', 'metric', 'time_range', 'color_palette', 'dimension', 'column', 'chart', 'layout'] },
      op: { type: 'string', enum: ['add', 'remove', 'change'] },
      path: { type: 'array', items: { type: 'string' } },
      from: anyJson,
      to: anyJson,
    },
  },
  Pin: { type: 'object', required: ['label', 'by', 'at'], properties: { label: { type: 'string' }, by: { type: 'string' }, at: isoTime } },
  PinnedVersion: { type: 'object', required: ['versionId', 'version', 'pin'], properties: { versionId: uuid, version: versionFields.version, pin: ref('Pin') } },
  VersionItem: { type: 'object', required: ['versionId', 'version', 'operation', 'createdAt', 'actor', 'changes', 'message', 'pin'], properties: versionFields },
  VersionPage: page('VersionItem'),
  VersionState: {
    type: 'object',
    required: ['versionId', 'version', 'operation', 'createdAt', 'actor', 'changes', 'message', 'pin', 'state'],
    properties: { ...versionFields, state: { type: 'object', additionalProperties: true, description: "the entity's versioned state at this version, children included" } },
  },
  VersionDiff: {
    type: 'object',
    required: ['from', 'to', 'changes', 'nextCursor'],
    properties: {
      from: ref('VersionRef'),
      to: ref('VersionRef'),
      changes: versionFields.changes,
      nextCursor: { type: 'string', nullable: true, description: 'set when the changes were cut short by their size (1 MB): pass back as `cursor` for the rest' },
    },
  },
  RestoreWarning: {
    type: 'object',
    required: ['code', 'message', 'ids'],
    properties: { code: { type: 'string', enum: ['reference_dropped', 'reference_missing', 'still_in_use'] }, message: { type: 'string' }, ids: { type: 'array', items: { type: 'string' } } },
  },
  RestorePreview: {
    type: 'object',
    required: ['changes', 'warnings'],
    properties: { changes: versionFields.changes, warnings: { type: 'array', items: ref('RestoreWarning') } },
  },
  ChangeFeedItem: {
    type: 'object',
    required: ['entityKind', 'entityId', 'version', 'versionId', 'recordedAt', 'actor', 'message', 'kind', 'op', 'path', 'from', 'to'],
    allOf: [ref('ChangeRecord')],
    properties: { entityKind: { type: 'string' }, entityId: uuid, version: versionFields.version, versionId: uuid, recordedAt: isoTime, actor: ref('Actor'), message: versionFields.message },
  },
  ChangeFeedPage: page('ChangeFeedItem'),
  TrashItem: {
    type: 'object',
    required: ['entityKind', 'id', 'label', 'deletedAt', 'deletedBy', 'version'],
    properties: {
      entityKind: { type: 'string' },
      id: uuid,
      label: { type: 'string', nullable: true, description: "the entity's title, name or table name" },
      deletedAt: isoTime,
      deletedBy: { type: 'string' },
      version: { ...versionFields.version, description: 'the delete version: restoring any earlier one un-deletes' },
    },
  },
  TrashPage: page('TrashItem'),
  DevToken: { type: 'object', required: ['token'], properties: { token: { type: 'string', description: 'a bearer token, valid 12 hours' } } },
  ErrorBody: {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
  },
  PreconditionFailed: {
    type: 'object',
    required: ['statusCode', 'error', 'message', 'conflicts', 'current'],
    allOf: [ref('ErrorBody')],
    properties: {
      conflicts: { type: 'array', items: { type: 'string' }, description: 'dotted paths someone else changed since the If-Match version' },
      current: { type: 'object', additionalProperties: true, nullable: true, description: 'the current state' },
    },
  },
};

/** `Dashboard`, `Chart`, `Dataset`: the read fields every kind has, plus the kind's DTO. */
export function entitySchemaName(definition: EntityDefinition): string {
  return definition.kind[0].toUpperCase() + definition.kind.slice(1);
}

export function entityResponseSchemas(definitions: readonly EntityDefinition[]): Record<string, SchemaObject> {
  const read: SchemaObject = {
    type: 'object',
    required: ['id', 'version', 'versionId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'owners', 'tags'],
    properties: { id: uuid, version: versionFields.version, versionId: uuid, createdAt: isoTime, createdBy: { type: 'string' }, updatedAt: isoTime, updatedBy: { type: 'string' }, owners: { type: 'array', items: { type: 'string' } }, tags: { type: 'array', items: { type: 'string' } } },
  };
  return Object.fromEntries(
    definitions.flatMap((definition) => {
      const name = entitySchemaName(definition);
      return [
        [name, { allOf: [read, ref(definition.dto.name)] }],
        [`${name}Page`, page(name)],
      ];
    }),
  );
}

/** Documents a response body by the name of one of the schemas above (or one of several). */
export const ApiResponseBody = (name: string | string[], status = 200, description?: string) =>
  ApiResponse({ status, description, schema: Array.isArray(name) ? { oneOf: name.map(ref) } : ref(name) });

/** The answers every write can give besides success. */
export const ApiWriteErrors = () =>
  applyDecorators(
    ApiResponse({ status: 400, schema: ref('ErrorBody') }),
    ApiResponse({ status: 412, description: 'stale If-Match touching fields changed since', schema: ref('PreconditionFailed') }),
  );

