import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '#revisions/actor.js';
import { assertCanChange, assertCanCreate } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { isJsonObject } from '#revisions/document/json.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { ResourceMappings } from '../mappings/resource-mappings.js';
import type { SupersetBundle } from '../superset/read-bundle.js';
import { SUPERSET_MAPPINGS, type SupersetMapping } from '../superset/superset-mapping.js';
import type { ImportPlan, PlannedEntity } from './import-plan.js';
import { planEntity } from './plan-entity.js';
import { planHistory } from './plan-history.js';
import { resolveBundleIds } from './resolve-ids.js';

/** Decides what a bundle does to an org (create, update, unchanged per entity) without writing. */
@Injectable()
export class ImportPlanner {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: HeadRows,
    private readonly mappings: ResourceMappings,
    @Inject(SUPERSET_MAPPINGS) private readonly superset: SupersetMapping[],
  ) {}

  async plan(bundle: SupersetBundle, actor: Actor, source: string): Promise<ImportPlan> {
    // 1. Give every entity its id: the one an earlier import of this source made, or a new one.
    const ids = await resolveBundleIds(bundle, referencedOutside(bundle, this.superset), { org: actor.org, source, definitions: this.definitions, heads: this.heads, mappings: this.mappings });
    // 2. Plan kind by kind, references first (datasets, charts, dashboards).
    const entities: PlannedEntity[] = [];
    for (const mapping of this.superset) {
      const definition = this.definitions.get(mapping.kind);
      for (const entity of bundle.entities.get(mapping.kind) ?? []) {
        const planned = await planEntity(definition, mapping, entity, ids, actor);
        if (planned.action === 'create') assertCanCreate(actor, mapping.kind);
        if (planned.action === 'update') assertCanChange(actor, mapping.kind, planned.head!.document);
        entities.push(planned);
      }
    }
    const warnings = [...bundle.warnings, ...ids.warnings];
    await this.attachHistories(bundle, entities, warnings);
    return {
      org: actor.org,
      source,
      entities,
      databases: ids.databases,
      mappings: [
        ...bundle.databases.map((database) => ({ kind: 'database', sourceUuid: database.sourceUuid, rewindId: ids.databases.find((d) => d.name === database.name)!.id })),
        ...entities.map((entity) => ({ kind: entity.entityKind, sourceUuid: entity.sourceUuid, rewindId: entity.id })),
      ],
      warnings,
    };
  }

  /** A new entity with a history file gets its history, every source id in it replaced by its new id. */
  private async attachHistories(bundle: SupersetBundle, entities: PlannedEntity[], warnings: string[]): Promise<void> {
    if (bundle.history.length === 0) return;
    const newIds = new Map(entities.map((entity) => [entity.sourceUuid, entity.id]));
    const pattern = new RegExp([...newIds.keys()].join('|'), 'g');
    const rename = (json: string) => json.replace(pattern, (uuid) => newIds.get(uuid)!);
    for (const history of bundle.history) {
      const mapping = this.superset.find((candidate) => candidate.folder === history.folder);
      const entity = entities.find((candidate) => candidate.entityKind === mapping?.kind && candidate.sourceUuid === history.sourceUuid);
      if (!mapping || !entity) {
        warnings.push(`${history.file}: no entity of the bundle has this history; ignored`);
      } else if (entity.action !== 'create') {
        entity.warnings.push(`${history.file}: the entity was imported before; its history is not imported again`);
      } else if (history.events[0]?.type === 'Baseline') {
        entity.warnings.push(`${history.file}: retention pruned the start of this history; the entity is imported without it`);
      } else {
        const { events, finalDiff } = await planHistory(this.definitions.get(entity.entityKind), history, rename, entity.document);
        entity.history = events;
        entity.changes = finalDiff;
      }
    }
  }
}

/** Uuids the bundle's entities name, which may be entities an earlier import brought in. */
function referencedOutside(bundle: SupersetBundle, superset: SupersetMapping[]): { kind: string; sourceUuid: string }[] {
  const refs: { kind: string; sourceUuid: string }[] = [];
  for (const mapping of superset) {
    for (const entity of bundle.entities.get(mapping.kind) ?? []) {
      for (const reference of Object.values(mapping.references ?? {})) {
        const uuid = entity.refs[reference.field];
        if (uuid && reference.kind !== 'database') refs.push({ kind: reference.kind, sourceUuid: uuid });
      }
      if (mapping.layout) refs.push(...layoutRefs(entity.input[mapping.layout.position], entity.input[mapping.layout.metadata]));
    }
  }
  return refs;
}

function layoutRefs(position: unknown, metadata: unknown): { kind: string; sourceUuid: string }[] {
  const refs: { kind: string; sourceUuid: string }[] = [];
  for (const component of isJsonObject(position) ? Object.values(position) : []) {
    if (isJsonObject(component) && component.type === 'CHART' && isJsonObject(component.meta) && typeof component.meta.uuid === 'string') {
      refs.push({ kind: 'chart', sourceUuid: component.meta.uuid.toLowerCase() });
    }
  }
  const filters = isJsonObject(metadata) && Array.isArray(metadata.native_filter_configuration) ? metadata.native_filter_configuration : [];
  for (const filter of filters) {
    const targets = isJsonObject(filter) && Array.isArray(filter.targets) ? filter.targets : [];
    for (const target of targets) if (isJsonObject(target) && typeof target.datasetUuid === 'string') refs.push({ kind: 'dataset', sourceUuid: target.datasetUuid.toLowerCase() });
  }
  return refs;
}
