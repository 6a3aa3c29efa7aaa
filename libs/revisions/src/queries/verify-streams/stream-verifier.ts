import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import type { EventRow } from '#revisions/event-store/stored-rows.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { evolve } from '#revisions/projections/fold-stream.js';
import { shapeProblems } from '#revisions/schema-evolution/document-shape.js';
import type { StreamFailure } from './verify-streams.query.js';

type Row = Pick<EventRow, 'stream_kind' | 'stream_id' | 'version'>;

interface OpenStream {
  kind: string;
  id: string;
  head?: EntityHead;
  failed: boolean;
}

/**
 * Folds events given in (kind, id, version) order, one stream at a time, and collects a failure
 * per stream that breaks. Pure apart from its own state: the handler feeds it rows page by page.
 */
export class StreamVerifier<R extends Row = EventRow> {
  readonly failures: StreamFailure[] = [];
  streams = 0;
  private open: OpenStream | undefined;

  constructor(
    private readonly definitionOf: (kind: string) => EntityDefinition | undefined,
    /** The engine's one reading path: a stored row in the current shape, upcasters applied. */
    private readonly read: (row: R) => RevisionEvent,
  ) {}

  push(row: R): void {
    const { stream_kind: kind, stream_id: id, version } = row;
    if (this.open?.kind !== kind || this.open.id !== id) this.start(kind, id);
    const stream = this.open!;
    if (stream.failed) return;
    if (!this.definitionOf(kind)) return this.fail(version, `no definition for kind ${kind}`);
    try {
      stream.head = evolve(stream.head, this.read(row));
    } catch (error) {
      this.fail(version, (error as Error).message);
    }
  }

  end(): void {
    const stream = this.open;
    this.open = undefined;
    if (!stream || stream.failed || !stream.head) return;
    const problems = shapeProblems(this.definitionOf(stream.kind)!, stream.head.document);
    if (problems.length) this.failures.push({ kind: stream.kind, id: stream.id, version: stream.head.version, reason: problems.join('; ') });
  }

  private start(kind: string, id: string): void {
    this.end();
    this.streams += 1;
    this.open = { kind, id, failed: false };
  }

  private fail(version: number, reason: string): void {
    this.open!.failed = true;
    this.failures.push({ kind: this.open!.kind, id: this.open!.id, version, reason });
  }
}
