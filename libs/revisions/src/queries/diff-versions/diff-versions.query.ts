import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { ChangeRecord } from '#revisions/change-log/change-record.js';

export interface VersionRef {
  versionId: string;
  version: number;
}

export interface VersionDiff {
  from: VersionRef;
  to: VersionRef;
  changes: ChangeRecord[];
  /** The records are bounded in bytes like every history page: pass back as `cursor` for the rest; null when all are shown. */
  nextCursor: string | null;
}

/** What changed between any two retained versions; `toVersionId` defaults to the current one. */
export class DiffVersionsQuery extends Query<VersionDiff> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly fromVersionId: string,
    readonly toVersionId: string | undefined,
    readonly actor: Actor,
    readonly cursor?: string,
  ) {
    super();
  }
}
