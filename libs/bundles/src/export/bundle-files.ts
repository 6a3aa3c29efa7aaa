import { v5 as uuidv5 } from 'uuid';
import type { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { documentToApi } from '#revisions/definition/entity-document.js';
import { isJsonObject, type Json, type JsonObject } from '#revisions/document/json.js';
import type { StoredDatabase } from '../mappings/resource-mappings.js';
import { remapDashboardRefs } from '../remap/dashboard-refs.js';
import { assignIntIds, exportRefMap } from '../remap/ref-maps.js';
import { writeEntityYaml } from '../superset/entity-yaml.js';
import type { SupersetMapping } from '../superset/superset-mapping.js';
import { toBundleYaml } from '../yaml/bundle-yaml.js';
import type { ExportedEntity } from './collect-export.js';

const DATABASE_NAMESPACE = '3b241101-e2bb-4255-8caf-4136c566a962';

export interface BundleFile {
  name: string;
  text: string;
}

/**
 * The YAML files of a Superset bundle. Uuids are the Rewind ids; integer chart ids are 1…n in id
 * order, the same in every dashboard of the bundle.
 */
export function bundleFiles(
  entities: ExportedEntity[],
  databases: StoredDatabase[],
  context: { root: ExportedEntity; definitions: DefinitionRegistry; superset: SupersetMapping[]; org: string; now: string },
): BundleFile[] {
  const byKind = new Map(context.superset.map((mapping) => [mapping.kind, mapping]));
  const intIds = assignIntIds(entities.filter((entity) => entity.kind === 'chart').map((entity) => entity.id));
  const databaseFor = new Map(databases.map((database) => [database.name, database]));
  const databaseUuid = (name: string) => databaseFor.get(name)?.id ?? uuidv5(`${context.org}:${name}`, DATABASE_NAMESPACE);
  const files: BundleFile[] = [{ name: 'metadata.yaml', text: toBundleYaml({ version: '1.0.0', type: byKind.get(context.root.kind)!.metadataType, timestamp: context.now }) }];

  const usedDatabases = new Set<string>();
  for (const entity of entities) {
    const mapping = byKind.get(entity.kind)!;
    const state: JsonObject = { ...documentToApi(context.definitions.get(entity.kind), entity.document), ...entity.cached, id: entity.id };
    if (mapping.layout) Object.assign(state, exportedLayout(mapping.layout, state, intIds));
    const refs: Record<string, Json> = {};
    for (const [key, reference] of Object.entries(mapping.references ?? {})) {
      const value = state[reference.field];
      if (reference.kind === 'database' && typeof value === 'string' && value) usedDatabases.add(value);
      refs[key] = reference.kind === 'database' ? (typeof value === 'string' && value ? databaseUuid(value) : null) : (value ?? null);
    }
    const folder = mapping.folder === 'datasets' ? `datasets/${safeSegment(String(state.database ?? 'unknown'))}` : mapping.folder;
    files.push({ name: `${folder}/${mapping.fileName(state)}.yaml`, text: toBundleYaml(writeEntityYaml(mapping, state, entity.id, refs)) });
  }
  for (const name of usedDatabases) {
    const stored = databaseFor.get(name);
    // Superset needs a connection to import a dataset; without one imported before, a placeholder names it.
    const config: JsonObject = stored ? { ...stored.config } : { database_name: name, sqlalchemy_uri: '', expose_in_sqllab: true, extra: {} };
    files.push({ name: `databases/${safeSegment(name)}.yaml`, text: toBundleYaml({ ...config, database_name: name, uuid: databaseUuid(name), version: '1.0.0' }) });
  }
  return files;
}

function exportedLayout(fields: NonNullable<SupersetMapping['layout']>, state: JsonObject, intIds: ReadonlyMap<string, number>): JsonObject {
  const layout = isJsonObject(state[fields.position]) ? (state[fields.position] as JsonObject) : {};
  const metadata = isJsonObject(state[fields.metadata]) ? (state[fields.metadata] as JsonObject) : {};
  const remapped = remapDashboardRefs(layout, metadata, exportRefMap(intIds));
  return { [fields.position]: remapped.layout, [fields.metadata]: remapped.metadata };
}

function safeSegment(name: string): string {
  return name.replace(/[^\p{L}\p{N}_.-]+/gu, '_').replace(/^\.+/, '_') || 'unknown';
}
