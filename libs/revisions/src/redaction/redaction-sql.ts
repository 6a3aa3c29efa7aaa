import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { FieldSpec } from '#revisions/definition/field-spec.js';
import { ident } from '#revisions/event-store/sql-fragments.js';

const REDACTED = `'[redacted]'`;
const MESSAGE_HAS = `strpos(metadata ->> 'message', $3) > 0`;

/** $1 kind, $2 id, $3 match, $4 org → how many string values of the stream's events contain the match. */
export const COUNT_IN_EVENTS = `
  select coalesce(sum(rewind_redaction_count(data, $3) + (case when ${MESSAGE_HAS} then 1 else 0 end)), 0)::int as values
  from revision_events where stream_kind = $1 and stream_id = $2 and org_id = $4`;

/** $1 kind, $2 id, $3 match, $4 org: the stream's events, change records and snapshots, through the SECURITY DEFINER function. */
export const REDACT_HISTORY = 'select rewind_redact_stream($1, $2, $3, $4)';

/** $1 kind, $2 id, $3 match, $4 org: copies of the stream's values the API's role may rewrite itself. */
export const REDACT_COPIES = [
  `update revision_pins set label = ${REDACTED} where stream_kind = $1 and stream_id = $2 and org_id = $4 and strpos(label, $3) > 0`,
  // Webhook payloads are copies of the stream's events too.
  `update webhook_deliveries set payload = rewind_redact(payload, $3)
   where org_id = $4 and position in (select position from revision_events where stream_kind = $1 and stream_id = $2 and org_id = $4)
     and rewind_redaction_count(payload, $3) > 0`,
];

/** $1 org, $2 id, $3 match: stored Idempotency-Key answers that carry the entity. */
export const REDACT_ANSWERS = `update idempotency_keys set body = rewind_redact(body, $3) where org_id = $1 and body ->> 'id' = $2::text and rewind_redaction_count(body, $3) > 0`;

/** A column's value with every string containing $2 replaced; null for columns that hold no text. */
function redactedColumn(spec: FieldSpec): string | null {
  const column = ident(spec.column);
  switch (spec.type) {
    case 'text':
      return `case when strpos(${column}, $2) > 0 then ${REDACTED} else ${column} end`;
    case 'json':
      return `rewind_redact(${column}, $2)`;
    case 'text[]':
      return `array(select case when strpos(x, $2) > 0 then ${REDACTED} else x end from unnest(${column}) with ordinality u(x, i) order by i)`;
    default:
      return null;
  }
}

function assignments(specs: FieldSpec[]): string[] {
  return specs.flatMap((spec) => {
    const value = redactedColumn(spec);
    return value ? [`${ident(spec.column)} = ${value}`] : [];
  });
}

/** $1 id, $2 match: the projection row (cached fields included) and its child rows. */
export function redactProjectionSql(definition: EntityDefinition): string[] {
  const head = assignments([...Object.values(definition.fields), ...Object.values(definition.cached)]);
  const children = Object.values(definition.collections).flatMap((collection) => {
    const set = assignments(Object.values(collection.itemFields));
    return set.length ? [`update ${ident(collection.table)} set ${set.join(', ')} where ${ident(collection.parentColumn)} = $1`] : [];
  });
  return [`update ${ident(definition.table)} set ${head.join(', ')} where id = $1`, ...children];
}

/** $1 kind, $2 id, $3 version, $4 versionId, $5 data, $6 metadata, $7 recordedAt, $8 schema version. */
export const APPEND_REDACTED = `
  insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
  values ($1, $2, $3, $4, 'Redacted', $5::jsonb, $6::jsonb, $7::timestamptz, $8, $6::jsonb ->> 'org') returning position`;

export function bumpHeadSql(definition: EntityDefinition): string {
  return `update ${ident(definition.table)} set version = $2, version_id = $3, updated_at = $4::timestamptz, updated_by = $5 where id = $1`;
}
