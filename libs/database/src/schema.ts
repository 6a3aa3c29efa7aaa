import type { ColumnType, Generated, GeneratedAlways, Insertable, Updateable } from 'kysely';

/**
 * The tables the cold-path queries touch, as the migrations (migrations/) leave them and as the
 * pool returns them: timestamptz as PostgreSQL's text (MikroORM's type parsers keep it a string),
 * bigint and xid8 as strings, jsonb parsed. Hot-path statements (event store, streams) are raw SQL
 * and are not described here.
 */

/** timestamptz: read as text, written as an ISO string or a Date. */
export type Timestamptz = ColumnType<string, string | Date, string | Date>;
/** timestamptz with a default (`now()`): optional on insert. Kysely's `Generated` does not unwrap a ColumnType. */
export type DefaultTimestamptz = ColumnType<string, string | Date | undefined, string | Date>;
/** bigint: read as a decimal string (pg never guesses at a JS number), written as any integer form. */
export type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;
/** xid8: a transaction id, text both ways. */
export type Xid8 = string;
/** jsonb: read parsed, written as JSON text (pg would turn a JS array into a PostgreSQL array). */
export type Jsonb<T = unknown> = ColumnType<T, string, string>;

export interface IdempotencyKeysTable {
  org_id: string;
  actor_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  headers: Jsonb<Record<string, string>> | null;
  body: Jsonb | null;
  created_at: DefaultTimestamptz;
  holder: string | null;
  lease_until: Timestamptz | null;
}

export interface RevisionPinsTable {
  stream_kind: string;
  stream_id: string;
  version: number;
  org_id: string;
  label: string;
  pinned_by: string;
  pinned_at: Timestamptz;
}

export interface RevisionSubscriptionsTable {
  name: string;
  last_transaction_id: Xid8;
  last_position: Int8;
  failing_position: Int8 | null;
  attempts: Generated<number>;
  retry_at: Timestamptz | null;
  last_error: string | null;
  updated_at: DefaultTimestamptz;
}

export interface RevisionSubscriptionParkedTable {
  subscription: string;
  position: Int8;
  org_id: string;
  entity_kind: string;
  entity_id: string;
  version: number;
  attempts: number;
  last_error: string;
  parked_at: DefaultTimestamptz;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  entity_kinds: string[] | null;
  secret: string;
  created_by: string;
  created_at: DefaultTimestamptz;
  from_position: Int8;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  id: GeneratedAlways<string>;
  webhook_id: string;
  org_id: string;
  position: Int8;
  payload: Jsonb<object>;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamptz;
  lease_until: Timestamptz | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: DefaultTimestamptz;
  delivered_at: Timestamptz | null;
}

/** Read-only here: the event store appends through its own statements. */
export interface RevisionEventsTable {
  position: GeneratedAlways<string>;
  stream_kind: string;
  stream_id: string;
  version: number;
  version_id: string;
  type: string;
  data: Jsonb;
  metadata: Jsonb<Record<string, unknown>>;
  recorded_at: DefaultTimestamptz;
  schema_version: Generated<number>;
  transaction_id: Generated<Xid8>;
  org_id: string;
}

export interface ResourceMappingsTable {
  org_id: string;
  source: string;
  entity_kind: string;
  source_uuid: string;
  rewind_id: string;
  created_at: DefaultTimestamptz;
  updated_at: DefaultTimestamptz;
}

export interface BundleDatabasesTable {
  id: string;
  org_id: string;
  database_name: string;
  config: Jsonb<Record<string, unknown>>;
  updated_at: DefaultTimestamptz;
}

/**
 * The columns every kind's projection table shares (Migration20261121000200_entity_projections).
 * A kind's own columns come from its definition and are named at run time.
 */
export interface EntityProjectionTable {
  id: string;
  org_id: string;
  version: number;
  version_id: string;
  created_at: Timestamptz;
  created_by: string;
  updated_at: Timestamptz;
  updated_by: string;
  deleted_at: Timestamptz | null;
  owners: string[];
  tags: string[];
}

/** Named `DB` so it does not clash with the `Database` class that runs the queries. */
export interface DB {
  idempotency_keys: IdempotencyKeysTable;
  revision_pins: RevisionPinsTable;
  revision_subscriptions: RevisionSubscriptionsTable;
  revision_subscription_parked: RevisionSubscriptionParkedTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  revision_events: RevisionEventsTable;
  resource_mappings: ResourceMappingsTable;
  bundle_databases: BundleDatabasesTable;
}

/** What an insert into a table may set. */
export type Inserts<T extends keyof DB> = Insertable<DB[T]>;
/** What an update of a table may set. */
export type Updates<T extends keyof DB> = Updateable<DB[T]>;
