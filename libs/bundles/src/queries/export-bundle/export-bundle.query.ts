import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';

export interface ExportedBundle {
  fileName: string;
  archive: Buffer;
}

/**
 * A Superset-format ZIP of one entity and what it depends on (a dashboard brings its charts, their
 * datasets and databases). `versionId` exports a past version; `history` adds the retained events.
 */
export class ExportBundleQuery extends Query<ExportedBundle> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly actor: Actor,
    readonly options: { versionId?: string; history?: boolean } = {},
  ) {
    super();
  }
}
