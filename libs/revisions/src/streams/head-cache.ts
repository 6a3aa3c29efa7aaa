import type { EntityHead } from '../projections/entity-head.js';

/**
 * The latest head this process wrote or read for writing, per entity, least recently used out.
 * A write decides on the cached head and appends its next version: if another replica moved the
 * stream meanwhile, the unique (stream, version) key refuses the append and the write re-reads.
 * So a hit saves the read round trip and a stale entry costs one retry, never a wrong write.
 */
export class HeadCache {
  private readonly heads = new Map<string, EntityHead>();

  constructor(private readonly capacity = 1000) {}

  get(kind: string, id: string): EntityHead | undefined {
    const key = `${kind}:${id}`;
    const head = this.heads.get(key);
    if (head) {
      this.heads.delete(key); // re-insert: Map order is the recency order
      this.heads.set(key, head);
    }
    return head;
  }

  set(head: EntityHead): void {
    const key = `${head.kind}:${head.id}`;
    this.heads.delete(key);
    this.heads.set(key, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  delete(kind: string, id: string): void {
    this.heads.delete(`${kind}:${id}`);
  }

  clear(): void {
    this.heads.clear();
  }
}
