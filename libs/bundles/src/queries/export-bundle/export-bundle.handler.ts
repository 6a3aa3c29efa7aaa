import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead } from '#revisions/auth/access-policy.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { Clock } from '#revisions/clock.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { StreamReader } from '#revisions/event-store/stream-reader.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { bundleFiles } from '#bundles/export/bundle-files.js';
import { collectExport } from '#bundles/export/collect-export.js';
import { historyFile } from '#bundles/export/history-files.js';
import { ResourceMappings } from '#bundles/mappings/resource-mappings.js';
import { SUPERSET_MAPPINGS, type SupersetMapping } from '#bundles/superset/superset-mapping.js';
import { writeZip } from '#bundles/zip/write-zip.js';
import { ExportBundleQuery, type ExportedBundle } from './export-bundle.query.js';

@QueryHandler(ExportBundleQuery)
export class ExportBundleHandler implements IQueryHandler<ExportBundleQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly heads: HeadRows,
    private readonly reader: StreamReader,
    private readonly mappings: ResourceMappings,
    private readonly clock: Clock,
    @Inject(SUPERSET_MAPPINGS) private readonly superset: SupersetMapping[],
  ) {}

  async execute({ kind, id, actor, options }: ExportBundleQuery): Promise<ExportedBundle> {
    assertCanRead(actor);
    if (!this.superset.some((mapping) => mapping.kind === kind)) throw new ValidationFailedError([`${kind} is not part of bundles`]);
    const definition = this.definitions.get(kind);
    // 1. The entity at the asked version (404 for another org's, 410 for a pruned version).
    const head = await this.streams.head(definition, id, actor);
    const state = options.versionId ? await this.streams.stateAt(definition, head, await this.streams.versionNumber(definition, head, options.versionId)) : head;
    const root = { kind, id: head.id, document: state.document, cached: head.cached };
    // 2. What it depends on, and the databases its datasets name.
    const context = { definitions: this.definitions, heads: this.heads, superset: this.superset };
    const { entities, databaseNames } = await collectExport(root, actor, context);
    const databases = [...(await this.mappings.databasesByName(actor.org, databaseNames)).values()];
    // 3. The files, under one folder named like Superset's.
    const now = this.clock.now();
    const files = bundleFiles(entities, databases, { ...context, root, org: actor.org, now: now.toISOString() });
    if (options.history) {
      for (const entity of entities) {
        const mapping = this.superset.find((candidate) => candidate.kind === entity.kind)!;
        files.push(historyFile(mapping, entity.id, await this.reader.readStream(entity.kind, entity.id)));
      }
    }
    const folder = `${kind}_export_${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
    return { fileName: `${folder}.zip`, archive: await writeZip(files.map((file) => ({ name: `${folder}/${file.name}`, text: file.text }))) };
  }
}
