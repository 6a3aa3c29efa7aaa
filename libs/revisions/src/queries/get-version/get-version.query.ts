import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { VersionView } from './version-view.js';

/** The full state of one retained version, children included. */
export class GetVersionQuery extends Query<VersionView> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly versionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
