import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router';

describe('hash routes', () => {
  it('round-trip path segments and query values, leaving empty values out', () => {
    const target = href(['dashboards', 'a b/c', 'compare'], { from: 'v1', to: '', q: 'sales & ops' });
    expect(target).toBe('#/dashboards/a%20b%2Fc/compare?from=v1&q=sales+%26+ops');
    const route = parseHash(target);
    expect(route.path).toEqual(['dashboards', 'a b/c', 'compare']);
    expect(route.query.get('q')).toBe('sales & ops');
    expect(route.query.has('to')).toBe(false);
  });
  it('treat an empty fragment as the start page', () => {
    expect(parseHash('').path).toEqual([]);
  });
});
