import { describe, expect, it } from 'vitest';
import { collection, defineEntity, field } from '../definition/entity-definition.js';
import { shapeProblems } from './document-shape.js';

const widget = defineEntity({
  kind: 'widget',
  resource: 'widgets',
  table: 'widgets',
  dto: class {},
  fields: { title: field.text({ required: true }), size: field.integer(), options: field.json() },
  collections: { tiles: collection.keyed({ table: 'widget_tiles', parentColumn: 'widget_id', key: 'tileKey', itemFields: { visible: field.boolean() } }) },
});

describe('shapeProblems', () => {
  it('accepts a document of the current shape', () => {
    expect(shapeProblems(widget, { owners: ['ada'], tags: [], title: 'A', size: null, options: { a: 1 }, tiles: { t1: { visible: true } } })).toEqual([]);
  });

  it('names what an old document lacks, still has, or holds in the wrong type', () => {
    expect(shapeProblems(widget, { owners: 'ada', tags: [], name: 'A', size: 1.5, options: {}, tiles: { t1: {} } })).toEqual([
      'owners is not text[]: "ada"',
      'missing title',
      'size is not integer: 1.5',
      'unknown name',
      'missing tiles.t1.visible',
    ]);
    expect(shapeProblems(widget, { owners: [], tags: [], title: null, size: null, options: {}, tiles: [] })).toEqual(['tiles is not a collection']);
  });
});
