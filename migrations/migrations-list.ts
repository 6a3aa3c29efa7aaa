import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000100_revision_store } from './Migration20261121000100_revision_store.js';
import { Migration20261121000200_entity_projections } from './Migration20261121000200_entity_projections.js';
import { Migration20261121000300_revision_snapshots } from './Migration20261121000300_revision_snapshots.js';
import { Migration20261121000400_idempotency_keys } from './Migration20261121000400_idempotency_keys.js';
import { Migration20261122000500_statement_level_guard } from './Migration20261122000500_statement_level_guard.js';
import { Migration20261201110001_database_roles } from './Migration20261201110001_database_roles.js';
import { Migration20261201110002_idempotency_leases } from './Migration20261201110002_idempotency_leases.js';
import { Migration20261201130001_superset_fields } from './Migration20261201130001_superset_fields.js';
import { Migration20261201130002_resource_mappings } from './Migration20261201130002_resource_mappings.js';
import { Migration20261201140001_schema_versions } from './Migration20261201140001_schema_versions.js';
import { Migration20261201140002_change_record_versions } from './Migration20261201140002_change_record_versions.js';
import { Migration20261201150001_pins } from './Migration20261201150001_pins.js';
import { Migration20261201150002_stream_time_index } from './Migration20261201150002_stream_time_index.js';
import { Migration20261201150003_trash_and_purges } from './Migration20261201150003_trash_and_purges.js';
import { Migration20261201150004_redaction } from './Migration20261201150004_redaction.js';
import { Migration20261201150005_label_search } from './Migration20261201150005_label_search.js';
import { Migration20261201150006_unique_slug } from './Migration20261201150006_unique_slug.js';
import { Migration20261201160001_event_feed } from './Migration20261201160001_event_feed.js';
import { Migration20261201160002_subscriptions } from './Migration20261201160002_subscriptions.js';
import { Migration20261201160003_webhooks } from './Migration20261201160003_webhooks.js';
import { Migration20261202250001_citus_ready_keys } from './Migration20261202250001_citus_ready_keys.js';

/** Explicit, ordered list: no file discovery, so the app, the CLI and vitest load the same set. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121000100_revision_store', class: Migration20261121000100_revision_store },
  { name: 'Migration20261121000200_entity_projections', class: Migration20261121000200_entity_projections },
  { name: 'Migration20261121000300_revision_snapshots', class: Migration20261121000300_revision_snapshots },
  { name: 'Migration20261121000400_idempotency_keys', class: Migration20261121000400_idempotency_keys },
  { name: 'Migration20261122000500_statement_level_guard', class: Migration20261122000500_statement_level_guard },
  { name: 'Migration20261201110001_database_roles', class: Migration20261201110001_database_roles },
  { name: 'Migration20261201110002_idempotency_leases', class: Migration20261201110002_idempotency_leases },
  { name: 'Migration20261201130001_superset_fields', class: Migration20261201130001_superset_fields },
  { name: 'Migration20261201130002_resource_mappings', class: Migration20261201130002_resource_mappings },
  { name: 'Migration20261201140001_schema_versions', class: Migration20261201140001_schema_versions },
  { name: 'Migration20261201140002_change_record_versions', class: Migration20261201140002_change_record_versions },
  { name: 'Migration20261201150001_pins', class: Migration20261201150001_pins },
  { name: 'Migration20261201150002_stream_time_index', class: Migration20261201150002_stream_time_index },
  { name: 'Migration20261201150003_trash_and_purges', class: Migration20261201150003_trash_and_purges },
  { name: 'Migration20261201150004_redaction', class: Migration20261201150004_redaction },
  { name: 'Migration20261201150005_label_search', class: Migration20261201150005_label_search },
  { name: 'Migration20261201150006_unique_slug', class: Migration20261201150006_unique_slug },
  { name: 'Migration20261201160001_event_feed', class: Migration20261201160001_event_feed },
  { name: 'Migration20261201160002_subscriptions', class: Migration20261201160002_subscriptions },
  { name: 'Migration20261201160003_webhooks', class: Migration20261201160003_webhooks },
  { name: 'Migration20261202250001_citus_ready_keys', class: Migration20261202250001_citus_ready_keys },
];
