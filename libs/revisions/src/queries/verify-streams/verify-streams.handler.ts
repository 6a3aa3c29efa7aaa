import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database, type SqlExecutor } from '#database/database.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EVENT_COLUMNS, readEvent, type EventRow } from '#revisions/event-store/stored-rows.js';
import { StreamVerifier } from './stream-verifier.js';
import { VerifyStreamsQuery, type VerifyResult } from './verify-streams.query.js';

const EVENT_PAGE = `
  select ${EVENT_COLUMNS} from revision_events
  where (stream_kind, stream_id, version) > ($1::text, $2::uuid, $3::int)
  order by stream_kind, stream_id, version limit $4`;

@QueryHandler(VerifyStreamsQuery)
export class VerifyStreamsHandler implements IQueryHandler<VerifyStreamsQuery> {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
  ) {}

  async execute({ onProgress, batchSize }: VerifyStreamsQuery): Promise<VerifyResult> {
    const started = performance.now();
    // One snapshot of the store, read only: saves meanwhile neither block nor confuse the check.
    return this.db.transaction(async (tx) => {
      await tx.query('set transaction isolation level repeatable read, read only');
      const [{ total }] = await tx.query<{ total: number }>('select count(*)::int as total from revision_events');
      const definitionOf = (kind: string) => (this.definitions.has(kind) ? this.definitions.get(kind) : undefined);
      const verifier = new StreamVerifier(definitionOf, (row: EventRow) => readEvent(row, (kind) => this.definitions.get(kind)));
      let events = 0;
      for (let after: [string, string, number] = ['', '00000000-0000-0000-0000-000000000000', 0]; ; ) {
        const rows = await this.page(tx, after, batchSize);
        for (const row of rows) verifier.push(row);
        events += rows.length;
        onProgress?.(events, total);
        if (rows.length < batchSize) break;
        const last = rows[rows.length - 1];
        after = [last.stream_kind, last.stream_id, last.version];
      }
      verifier.end();
      return { streams: verifier.streams, events, failures: verifier.failures, durationMs: Math.round(performance.now() - started) };
    });
  }

  private page(tx: SqlExecutor, after: [string, string, number], batchSize: number): Promise<EventRow[]> {
    return tx.query<EventRow>({ name: 'rewind_verify_page', text: EVENT_PAGE, values: [...after, batchSize] });
  }
}
