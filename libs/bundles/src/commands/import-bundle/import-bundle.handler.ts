import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { assertCanRead } from '#revisions/auth/access-policy.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { toImportResult, type ImportResult } from '#bundles/import/import-plan.js';
import { ImportPlanner } from '#bundles/import/import-planner.js';
import { ImportWriter } from '#bundles/import/import-writer.js';
import { readSupersetBundle } from '#bundles/superset/read-bundle.js';
import { SUPERSET_MAPPINGS, type SupersetMapping } from '#bundles/superset/superset-mapping.js';
import { ImportBundleCommand } from './import-bundle.command.js';

const DEFAULT_SOURCE = 'superset';

@CommandHandler(ImportBundleCommand)
export class ImportBundleHandler implements ICommandHandler<ImportBundleCommand> {
  constructor(
    private readonly db: Database,
    private readonly planner: ImportPlanner,
    private readonly writer: ImportWriter,
    private readonly streams: EntityStreams,
    @Inject(SUPERSET_MAPPINGS) private readonly superset: SupersetMapping[],
  ) {}

  async execute({ archive, context, options }: ImportBundleCommand): Promise<ImportResult> {
    assertCanRead(context.actor);
    const source = sourceName(options.source);
    // 1. Read and check the whole bundle before touching the database.
    const bundle = await readSupersetBundle(archive, this.superset);
    if (options.dryRun) return toImportResult(await this.planner.plan(bundle, context.actor, source));
    // 2. Plan and write in one transaction; imports of one source into one org take turns.
    try {
      return await this.db.inTransaction(async () => {
        await this.db.query('select pg_advisory_xact_lock(hashtext($1))', [`rewind-import:${context.actor.org}:${source}`]);
        const plan = await this.planner.plan(bundle, context.actor, source);
        await this.writer.apply(plan, context);
        return toImportResult(plan);
      });
    } finally {
      // Heads remembered inside the transaction may have been rolled back; read them again.
      this.streams.forgetAllHeads();
    }
  }
}

function sourceName(source: string | undefined): string {
  if (source === undefined) return DEFAULT_SOURCE;
  if (!/^[\w.:-]{1,100}$/.test(source)) throw new ValidationFailedError(['source must be 1 to 100 letters, digits, ".", ":", "_" or "-"']);
  return source;
}
