import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';

export const ApiIfMatch = () =>
  ApiHeader({ name: 'If-Match', required: false, description: '"<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged' });

export const ApiIfNoneMatch = () => ApiHeader({ name: 'If-None-Match', required: false, description: '"<versionId>" the client holds → 304 when still current' });

export const ApiIdempotencyKey = () =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first result and appends nothing' });

export const ApiRevisionMessage = () =>
  ApiHeader({ name: 'Revision-Message', required: false, description: 'Why this change was made (at most 500 characters, UTF-8); shown on the version' });

export const ApiPage = () =>
  applyDecorators(
    ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }),
    ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' }),
  );
