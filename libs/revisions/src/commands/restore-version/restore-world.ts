import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { ChildUsageFinder } from '#revisions/references/child-usage-finder.js';
import { ReferenceChecker } from '#revisions/references/reference-checker.js';
import { withoutDead, type RestoreWorld } from './decide-restore.js';

/**
 * A past version may meet a changed world: it may name entities deleted since, or drop children
 * that live entities now use. The restore proceeds and says so instead of failing; this reads
 * the facts it decides on.
 */
@Injectable()
export class RestoreWorldReader {
  constructor(
    private readonly references: ReferenceChecker,
    private readonly usages: ChildUsageFinder,
  ) {}

  async read(definition: EntityDefinition, org: string, head: EntityHead, candidate: JsonObject): Promise<RestoreWorld> {
    const dead = await this.references.findDead(definition, org, head.document, candidate);
    const usages = await this.usages.find(definition, org, head.id, head.document, withoutDead(candidate, dead));
    return { dead, usages };
  }
}
