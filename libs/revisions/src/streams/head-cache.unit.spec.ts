import { describe, expect, it } from 'vitest';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { HeadCache } from './head-cache.js';

const head = (id: string, version = 1) => ({ kind: 'chart', id, version }) as EntityHead;

describe('HeadCache', () => {
  it('is bounded by bytes: the least recently used heads go first', () => {
    const cache = new HeadCache(1000);
    cache.set(head('a'), 400);
    cache.set(head('b'), 400);
    cache.get('chart', 'a');
    cache.set(head('c'), 400);
    expect(cache.get('chart', 'a')).toBeDefined();
    expect(cache.get('chart', 'b')).toBeUndefined();
    expect(cache.get('chart', 'c')).toBeDefined();
  });

  it('keeps no head larger than the bound, and drops the older version it would have replaced', () => {
    const cache = new HeadCache(1000);
    cache.set(head('a', 1), 100);
    cache.set(head('a', 2), 5000);
    expect(cache.get('chart', 'a')).toBeUndefined();
  });

  it('remembers the size each head was cached with', () => {
    const cache = new HeadCache(1000);
    const a = head('a');
    cache.set(a, 123);
    expect(cache.bytesOf(a)).toBe(123);
    expect(cache.bytesOf(head('a'))).toBeUndefined();
  });
});
