import type { ChangeRule } from '#revisions/change-log/change-rule.js';
import { collection, defineEntity, field } from '#revisions/definition/entity-definition.js';
import { upcast } from '#revisions/schema-evolution/upcaster-steps.js';
import { WidgetV1Dto, WidgetV2Dto, WidgetV3Dto } from './widget.dtos.js';

/**
 * A test-only kind whose definition changes twice, as a product's would:
 *   v1  name, color, options, tiles keyed by slot ("1")
 *   v2  name renamed to title
 *   v3  color moved into a new nested object (appearance.color), tiles re-keyed by tileKey ("tile-1")
 * Each version is one definition change: a schemaVersion bump plus one upcaster. The projection
 * table follows through a migration (widget.schema.ts), as a real kind's would.
 */
const tileFields = { size: field.integer(), label: field.text() };
const tiles = (key: string) => collection.keyed({ table: 'widget_tiles', parentColumn: 'widget_id', key, itemFields: tileFields });
const rules: ChangeRule[] = [
  { path: ['options', 'time_range'], kind: 'time_range' },
  { path: ['tiles', '*'], kind: 'layout' },
];
const common = { kind: 'widget', resource: 'widgets', table: 'widgets' };

export const widgetUpcasters = [
  upcast.renameField('name', 'title'),
  upcast.combine(upcast.moveField(['color'], ['appearance', 'color']), upcast.rekeyChildren('tiles', (slot) => `tile-${slot}`)),
];

export const widgetV1 = defineEntity({
  ...common,
  dto: WidgetV1Dto,
  fields: { name: field.text({ required: true }), color: field.text(), options: field.json() },
  collections: { tiles: tiles('slot') },
  changeRules: rules,
});

export const widgetV2 = defineEntity({
  ...common,
  schemaVersion: 2,
  upcasters: widgetUpcasters.slice(0, 1),
  dto: WidgetV2Dto,
  fields: { title: field.text({ required: true }), color: field.text(), options: field.json() },
  collections: { tiles: tiles('slot') },
  changeRules: rules,
});

export const widgetV3 = defineEntity({
  ...common,
  schemaVersion: 3,
  upcasters: widgetUpcasters,
  dto: WidgetV3Dto,
  fields: { title: field.text({ required: true }), appearance: field.json(), options: field.json() },
  collections: { tiles: tiles('tileKey') },
  // The moved colour is now reported as a palette change, old versions included.
  changeRules: [...rules, { path: ['appearance', 'color'], kind: 'color_palette' }],
});

/** What v1 state becomes under v3, written by hand: the tests compare the upcasters against it. */
export function upgradeV1Document(document: Record<string, unknown>): Record<string, unknown> {
  const { name, color, tiles: byslot, ...rest } = document;
  const rekeyed = Object.fromEntries(Object.entries(byslot as Record<string, unknown>).map(([slot, tile]) => [`tile-${slot}`, tile]));
  return { ...rest, title: name, appearance: { color }, tiles: rekeyed };
}
