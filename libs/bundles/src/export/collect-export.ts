import type { Actor } from '#revisions/actor.js';
import type { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { isJsonObject, type JsonObject } from '#revisions/document/json.js';
import type { HeadRows } from '#revisions/event-store/head-rows.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import type { SupersetMapping } from '../superset/superset-mapping.js';

/** An entity going into an export, in the state it is exported at. */
export interface ExportedEntity {
  kind: string;
  id: string;
  document: JsonObject;
  cached: JsonObject;
}

/**
 * The entity and everything it depends on, live in the actor's org: a dashboard brings the charts
 * of its membership, a chart its dataset. Dependencies are exported as they are now; a deleted one
 * is left out (the dashboard's references to it are dropped on the way out).
 */
export async function collectExport(
  root: ExportedEntity,
  actor: Actor,
  context: { definitions: DefinitionRegistry; heads: HeadRows; superset: SupersetMapping[] },
): Promise<{ entities: ExportedEntity[]; databaseNames: string[] }> {
  const byKind = new Map(context.superset.map((mapping) => [mapping.kind, mapping]));
  const entities = new Map<string, ExportedEntity>([[`${root.kind}:${root.id}`, root]]);
  const databaseNames = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const entity = queue.shift()!;
    const mapping = byKind.get(entity.kind)!;
    for (const { kind, id } of dependencies(mapping, entity.document)) {
      if (kind === 'database') {
        databaseNames.add(id);
        continue;
      }
      if (entities.has(`${kind}:${id}`)) continue;
      const head: EntityHead | undefined = await context.heads.loadHead(context.definitions.get(kind), id, actor.org);
      if (!head || head.deletedAt) continue;
      const dependency = { kind, id, document: head.document, cached: head.cached };
      entities.set(`${kind}:${id}`, dependency);
      queue.push(dependency);
    }
  }
  return { entities: [...entities.values()], databaseNames: [...databaseNames] };
}

function dependencies(mapping: SupersetMapping, document: JsonObject): { kind: string; id: string }[] {
  const found: { kind: string; id: string }[] = [];
  if (mapping.layout && isJsonObject(document[mapping.layout.membership])) {
    for (const id of Object.keys(document[mapping.layout.membership] as JsonObject)) found.push({ kind: 'chart', id });
  }
  for (const reference of Object.values(mapping.references ?? {})) {
    const value = document[reference.field];
    if (typeof value === 'string' && value) found.push({ kind: reference.kind, id: value });
  }
  return found;
}
