import type { Database, ReservedSession } from '#database/database.js';
import type { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import { EVENT_COLUMNS, readEvent, type EventRow } from '#revisions/event-store/stored-rows.js';

const EVENT_PAGE = `
  select ${EVENT_COLUMNS} from revision_events
  where (stream_kind, stream_id, version) > ($1::text, $2::uuid, $3::int)
  order by stream_kind, stream_id, version limit $4`;

/**
 * Every event in stream order, in keyset pages read on a connection of its own (one read-only
 * snapshot), each page asked for while the one before is being folded. Events come upcast.
 */
export class EventPages {
  private pending: Promise<RevisionEvent[]>;

  private constructor(
    private readonly session: ReservedSession,
    private readonly definitions: DefinitionRegistry,
    private readonly size: number,
    readonly total: number,
  ) {
    this.pending = this.read(['', '00000000-0000-0000-0000-000000000000', 0]);
  }

  static async open(db: Database, definitions: DefinitionRegistry, size: number): Promise<EventPages> {
    const session = await db.reserve();
    try {
      await session.query('begin isolation level repeatable read, read only');
      const [{ total }] = await session.query<{ total: number }>('select count(*)::int as total from revision_events');
      return new EventPages(session, definitions, size, total);
    } catch (error) {
      session.release();
      throw error;
    }
  }

  /** The next page (shorter than the page size when it is the last), and asks for the one after. */
  async next(): Promise<RevisionEvent[]> {
    const events = await this.pending;
    const last = events.at(-1);
    if (events.length === this.size && last) this.pending = this.read([last.streamKind, last.streamId, last.version]);
    return events;
  }

  async close(): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.session.query('commit').catch(() => undefined);
    this.session.release();
  }

  private read(after: [string, string, number]): Promise<RevisionEvent[]> {
    const page = this.session
      .query<EventRow>({ name: 'rewind_rebuild_page', text: EVENT_PAGE, values: [...after, this.size] })
      .then((rows) => rows.map((row) => readEvent(row, (kind) => this.definitions.get(kind))));
    page.catch(() => undefined); // awaited by `next`; this only marks it handled
    return page;
  }
}
