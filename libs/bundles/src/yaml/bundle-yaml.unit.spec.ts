import { describe, expect, it } from 'vitest';
import { parseBundleYaml, toBundleYaml } from './bundle-yaml.js';

describe('parseBundleYaml', () => {
  it('reads a mapping as JSON, and writes it back', () => {
    const value = parseBundleYaml('charts/a.yaml', 'slice_name: Sales\nparams:\n  metrics: [count]\ncache_timeout: null\n');
    expect(value).toEqual({ slice_name: 'Sales', params: { metrics: ['count'] }, cache_timeout: null });
    expect(parseBundleYaml('x.yaml', toBundleYaml(value))).toEqual(value);
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(() => parseBundleYaml('dashboards/bomb.yaml', lines.join('\n'))).toThrow(/dashboards\/bomb\.yaml: YAML aliases/);
  });

  it.each([
    ['not YAML', 'a: [1, 2', /not valid YAML/],
    ['a list', '- 1\n- 2', /must hold a YAML mapping/],
    ['a duplicate key', 'a: 1\na: 2', /not valid YAML/],
    ['an infinite number', 'a: .inf', /finite/],
  ])('refuses %s, naming the file', (_, text, message) => {
    expect(() => parseBundleYaml('charts/bad.yaml', text)).toThrow(message);
    expect(() => parseBundleYaml('charts/bad.yaml', text)).toThrow(/charts\/bad\.yaml/);
  });
});
