import type { MigrationObject } from '@mikro-orm/core';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { Migration20261201120001_test_notes } from './note/Migration20261201120001_test_notes.js';
import { Migration20261202250002_test_notes_org_keys } from './note/Migration20261202250002_test_notes_org_keys.js';
import { noteDefinition } from './note/note.definition.js';

/** Kinds that exist only in tests, served beside the real ones by every test app and engine. */
export const testKindDefinitions: EntityDefinition[] = [noteDefinition];

/** Their projections: migrations applied only to test databases, after the real ones. */
export const testKindMigrations: MigrationObject[] = [
  { name: 'Migration20261201120001_test_notes', class: Migration20261201120001_test_notes },
  { name: 'Migration20261202250002_test_notes_org_keys', class: Migration20261202250002_test_notes_org_keys },
];
