import { collection, defineEntity, field } from '#revisions/definition/entity-definition.js';
import { NoteDto } from './note.dto.js';

/** A test-only fourth kind (tests register it beside the three real ones; see docs/adding-an-entity-kind.md). */
export const noteDefinition = defineEntity({
  kind: 'note',
  resource: 'notes',
  table: 'notes',
  dto: NoteDto,
  fields: { title: field.text({ required: true }), body: field.text(), priority: field.integer(), settings: field.json() },
  collections: {
    links: collection.keyed({ table: 'note_links', parentColumn: 'note_id', key: 'url', itemFields: { label: field.text(), pinned: field.boolean() } }),
  },
  changeRules: [{ path: ['settings', 'palette'], kind: 'color_palette' }],
});
