import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { ChildUsageFinder } from '#revisions/references/child-usage-finder.js';
import { ReferenceChecker } from '#revisions/references/reference-checker.js';
import type { RestoreWarning } from './restore-warning.js';

/**
 * A past version may meet a changed world: it may name entities deleted since, or drop children
 * that live entities now use. The restore proceeds and says so instead of failing.
 */
@Injectable()
export class RestoreReconciler {
  constructor(
    private readonly references: ReferenceChecker,
    private readonly usages: ChildUsageFinder,
  ) {}

  async reconcile(definition: EntityDefinition, org: string, head: EntityHead, restored: JsonObject): Promise<{ document: JsonObject; warnings: RestoreWarning[] }> {
    const warnings: RestoreWarning[] = [];
    let document = restored;
    for (const { reference, ids } of await this.references.findDead(definition, org, head.document, restored)) {
      if (reference.drop) document = reference.drop(document, new Set(ids));
      warnings.push({
        code: reference.drop ? 'reference_dropped' : 'reference_missing',
        message: reference.drop
          ? `${reference.field}: left out ${reference.kind} ${ids.join(', ')}, deleted or gone since`
          : `${reference.field}: ${reference.kind} ${ids.join(', ')} no longer exists`,
        ids,
      });
    }
    for (const { collection, kind, users } of await this.usages.find(definition, org, head.id, head.document, document)) {
      const keys = [...new Set(users.flatMap((user) => user.keys))];
      warnings.push({
        code: 'still_in_use',
        message: `${collection}: removed ${keys.join(', ')}, still used by ${kind} ${users.map((user) => user.id).join(', ')}`,
        ids: users.map((user) => user.id),
      });
    }
    return { document, warnings };
  }
}
