import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';

const ENTITY_TAG = /^\s*(?:W\/)?"([0-9a-fA-F-]{36})"\s*$/;

/** `ETag: "<versionId>"`: a strong validator naming the exact version. */
export function setEntityTag(response: Response, versionId: string): void {
  response.setHeader('ETag', `"${versionId}"`);
}

/** If-Match → the version id the client edited; `*` or absent → none. Malformed → 400. */
export function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = ENTITY_TAG.exec(header);
  if (!match) throw new BadRequestException('If-Match must be "<versionId>" as given by ETag');
  return match[1].toLowerCase();
}

/** True when the client's If-None-Match already names `versionId` (answer 304). */
export function isNotModified(request: Request, versionId: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${versionId}"`);
}
