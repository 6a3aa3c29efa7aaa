import { randomUUID } from 'node:crypto';
import type { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { HeadRows } from '#revisions/event-store/head-rows.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import type { ResourceMappings, StoredDatabase } from '../mappings/resource-mappings.js';
import type { SupersetBundle } from '../superset/read-bundle.js';

/** Ids of a bundle's entities in the target org, and what the bundle may reference besides them. */
export interface BundleIds {
  /** `kind:sourceUuid` → Rewind id, for the bundle's entities and for live entities mapped earlier. */
  ids: Map<string, string>;
  /** Live heads of the bundle's entities that earlier imports created (updates). */
  heads: Map<string, EntityHead>;
  /** Source database uuid → database name. */
  databaseNames: Map<string, string>;
  databases: StoredDatabase[];
  warnings: string[];
}

/**
 * Assigns every entity of the bundle its Rewind id: the mapped one when an earlier import created
 * it and it is still live, a new one otherwise. References to entities outside the bundle resolve
 * through the mappings too.
 */
export async function resolveBundleIds(
  bundle: SupersetBundle,
  referenced: { kind: string; sourceUuid: string }[],
  context: { org: string; source: string; definitions: DefinitionRegistry; heads: HeadRows; mappings: ResourceMappings },
): Promise<BundleIds> {
  const { org, source, definitions, heads, mappings } = context;
  const own = [...bundle.entities.values()].flat().map((entity) => ({ kind: entity.kind, sourceUuid: entity.sourceUuid }));
  const databaseRefs = bundle.databases.map((database) => ({ kind: 'database', sourceUuid: database.sourceUuid }));
  const mapped = await mappings.find(org, source, [...own, ...referenced, ...databaseRefs]);
  const result: BundleIds = { ids: new Map(), heads: new Map(), databaseNames: new Map(), databases: [], warnings: [] };

  const live = async (kind: string, id: string) => {
    const head = await heads.loadHead(definitions.get(kind), id, org);
    return head && !head.deletedAt ? head : undefined;
  };
  for (const { kind, sourceUuid } of own) {
    const key = `${kind}:${sourceUuid}`;
    const earlier = mapped.get(key);
    const head = earlier ? await live(kind, earlier) : undefined;
    if (earlier && !head) result.warnings.push(`${kind} ${sourceUuid}: the ${kind} an earlier import made is deleted; imported as a new one`);
    result.ids.set(key, head?.id ?? randomUUID());
    if (head) result.heads.set(key, head);
  }
  for (const { kind, sourceUuid } of referenced) {
    const key = `${kind}:${sourceUuid}`;
    const earlier = mapped.get(key);
    if (!result.ids.has(key) && earlier && (await live(kind, earlier))) result.ids.set(key, earlier);
  }

  const stored = await mappings.databasesByName(org, bundle.databases.map((database) => database.name));
  for (const database of bundle.databases) {
    result.databaseNames.set(database.sourceUuid, database.name);
    result.databases.push({ id: stored.get(database.name)?.id ?? randomUUID(), name: database.name, config: database.yaml });
  }
  const earlierDatabases = [...mapped].filter(([key]) => key.startsWith('database:'));
  const names = await mappings.databaseNamesById(org, earlierDatabases.map(([, id]) => id));
  for (const [key, id] of earlierDatabases) {
    const sourceUuid = key.slice('database:'.length);
    if (!result.databaseNames.has(sourceUuid) && names.has(id)) result.databaseNames.set(sourceUuid, names.get(id)!);
  }
  return result;
}
