import type { EntityDefinition } from '../definition/entity-definition.js';
import { documentToApi } from '../definition/entity-document.js';
import type { EntityHead, EntityView } from './entity-head.js';

/** The response shape of an entity's head. */
export function toEntityView(definition: EntityDefinition, head: EntityHead): EntityView {
  const cached = Object.fromEntries(Object.keys(definition.cached).map((name) => [name, head.cached[name] ?? null]));
  return {
    id: head.id,
    version: head.version,
    versionId: head.versionId,
    createdAt: head.createdAt,
    createdBy: head.createdBy,
    updatedAt: head.updatedAt,
    updatedBy: head.updatedBy,
    ...documentToApi(definition, head.document),
    ...cached,
  };
}
