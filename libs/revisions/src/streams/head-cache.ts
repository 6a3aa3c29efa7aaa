import { LRUCache } from 'lru-cache';
import type { EntityHead } from '#revisions/projections/entity-head.js';

export interface HeadCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/**
 * The latest head this process wrote or read for writing, per entity, least recently used out,
 * bounded by bytes: a head can be a 1 MB document and `start:prod` caps the heap.
 * A write decides on the cached head and appends its next version: if another replica moved the
 * stream meanwhile, the unique (stream, version) key refuses the append and the write re-reads.
 * So a hit saves the read round trip and a stale entry costs one retry, never a wrong write.
 * Only `EntityStreams` holds one.
 */
export class HeadCache {
  private readonly heads: LRUCache<string, EntityHead>;
  private readonly sizes = new WeakMap<EntityHead, number>();
  /** Lookups answered from memory and lookups that had to read PostgreSQL, since start (for /metrics). */
  private readonly counts = { hits: 0, misses: 0 };

  constructor(maxBytes: number) {
    this.heads = new LRUCache({ maxSize: Math.max(1, maxBytes) });
  }

  get(kind: string, id: string): EntityHead | undefined {
    const head = this.heads.get(`${kind}:${id}`);
    this.counts[head ? 'hits' : 'misses']++;
    return head;
  }

  stats(): HeadCacheStats {
    return { ...this.counts, entries: this.heads.size, bytes: this.heads.calculatedSize };
  }

  /** `bytes`: the head's size as JSON, measured or estimated by the caller (an entry over the bound is not kept). */
  set(head: EntityHead, bytes: number): void {
    this.sizes.set(head, bytes);
    this.heads.set(`${head.kind}:${head.id}`, head, { size: Math.max(1, bytes) });
  }

  /** The size a head was cached with, if it was. */
  bytesOf(head: EntityHead): number | undefined {
    return this.sizes.get(head);
  }

  delete(kind: string, id: string): void {
    this.heads.delete(`${kind}:${id}`);
  }

  clear(): void {
    this.heads.clear();
  }
}
