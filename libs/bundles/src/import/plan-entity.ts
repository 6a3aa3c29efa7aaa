import type { Actor } from '#revisions/actor.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { diffEntity, emptyDocument } from '#revisions/definition/entity-document.js';
import { isJsonObject, type JsonObject } from '#revisions/document/json.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { resolveEntityInput } from '#revisions/validation/validate-entity-input.js';
import { BundleRejectedError, rejectBundle } from '../bundle-errors.js';
import { remapDashboardRefs } from '../remap/dashboard-refs.js';
import { importRefMap, type IdResolver } from '../remap/ref-maps.js';
import { yamlKeyOf, type EntityFromYaml } from '../superset/entity-yaml.js';
import type { SupersetMapping } from '../superset/superset-mapping.js';
import type { PlannedEntity } from './import-plan.js';
import type { BundleIds } from './resolve-ids.js';

/** What importing one entity does: its id, its state after the import, and the changes from its head. */
export async function planEntity(definition: EntityDefinition, mapping: SupersetMapping, entity: EntityFromYaml, ids: BundleIds, actor: Actor): Promise<PlannedEntity> {
  const key = `${entity.kind}:${entity.sourceUuid}`;
  const warnings = [...entity.warnings];
  const input: JsonObject = { ...entity.input, ...resolveReferences(mapping, entity, ids, warnings) };
  if (mapping.layout) Object.assign(input, remapLayout(mapping.layout, entity, input, resolverOf(ids), warnings));

  const head = ids.heads.get(key);
  const base = head ? { ...emptyDocument(definition), owners: head.document.owners, tags: head.document.tags } : { ...emptyDocument(definition), owners: [actor.id] };
  const { document, cached } = await validated(definition, mapping, entity.file, base, { ...input, ...entity.cached });
  const planned = { entityKind: entity.kind, sourceUuid: entity.sourceUuid, id: ids.ids.get(key)!, file: entity.file, document, cached, warnings };
  if (!head) return { ...planned, action: 'create', changes: [], records: [] };
  const changes = diffEntity(definition, head.document, document);
  const records = describeChanges(definition, changes, head.document, document);
  return { ...planned, head, action: changes.length ? 'update' : 'unchanged', changes, records };
}

export function resolverOf(ids: BundleIds): IdResolver {
  return { chart: (uuid) => ids.ids.get(`chart:${uuid}`), dataset: (uuid) => ids.ids.get(`dataset:${uuid}`) };
}

/** `dataset_uuid`, `database_uuid`: the Rewind id (or database name) each names, or a warning. */
function resolveReferences(mapping: SupersetMapping, entity: EntityFromYaml, ids: BundleIds, warnings: string[]): JsonObject {
  const resolved: JsonObject = {};
  for (const [yamlKey, reference] of Object.entries(mapping.references ?? {})) {
    const sourceUuid = entity.refs[reference.field];
    if (!sourceUuid) continue;
    const target = reference.kind === 'database' ? ids.databaseNames.get(sourceUuid) : ids.ids.get(`${reference.kind}:${sourceUuid}`);
    if (target === undefined) warnings.push(`${entity.file}: ${yamlKey} ${sourceUuid} names a ${reference.kind} that is neither in the bundle nor imported before; left empty`);
    resolved[reference.field] = target ?? null;
  }
  return resolved;
}

/** Chart ids of the position and metadata translated to Rewind ids; membership from the position. */
function remapLayout(fields: NonNullable<SupersetMapping['layout']>, entity: EntityFromYaml, input: JsonObject, ids: IdResolver, warnings: string[]): JsonObject {
  const position = isJsonObject(input[fields.position]) ? (input[fields.position] as JsonObject) : {};
  const metadata = isJsonObject(input[fields.metadata]) ? (input[fields.metadata] as JsonObject) : {};
  for (const [key, component] of Object.entries(position)) {
    if (!isJsonObject(component) || component.type !== 'CHART') continue;
    const uuid = isJsonObject(component.meta) ? component.meta.uuid : undefined;
    if (typeof uuid !== 'string') rejectBundle(entity.file, `position.${key}.meta.uuid is required on a CHART component`);
    if (!ids.chart(uuid.toLowerCase())) rejectBundle(entity.file, `position.${key}.meta.uuid ${uuid} names a chart that is neither in the bundle nor imported before`);
  }
  const remapped = remapDashboardRefs(position, metadata, importRefMap(position, ids));
  for (const path of remapped.dropped) warnings.push(`${entity.file}: ${path} named a chart or dataset that is not part of the dashboard; dropped`);
  const membership = Object.values(remapped.layout).flatMap((component) =>
    isJsonObject(component) && component.type === 'CHART' && isJsonObject(component.meta) && typeof component.meta.chartId === 'string' ? [component.meta.chartId] : [],
  );
  return { [fields.position]: remapped.layout, [fields.metadata]: remapped.metadata, [fields.membership]: [...new Set(membership)] };
}

/** The definition's own validation, its problems named by file and YAML key. */
async function validated(definition: EntityDefinition, mapping: SupersetMapping, file: string, base: JsonObject, input: JsonObject) {
  try {
    return await resolveEntityInput(definition, base, input);
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    throw new BundleRejectedError(error.problems.map((problem) => `${file}: ${problem.replace(/^[\w.]+/, (field) => yamlKeyOf(mapping, field.split('.')[0]) ?? field)}`));
  }
}
