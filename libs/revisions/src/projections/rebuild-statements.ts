import type { ChangeRecord } from '../change-log/change-record.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { CHANGE_COLUMNS, childUpsert } from '../event-store/kind-statements.js';
import { ident, literal, readJsonField } from '../event-store/sql-fragments.js';

/**
 * $1: JSON array of folded heads `{ id, orgId, version, versionId, createdAt, createdBy, updatedAt,
 * updatedBy, deletedAt, document }` → their head rows and child rows, in one statement.
 */
export function buildInsertHeads(definition: EntityDefinition): string {
  const fields = Object.entries(definition.fields);
  const document = `(h.value -> 'document')`;
  const children = Object.entries(definition.collections).map(
    ([name, spec], index) => `child_${index} as (${childUpsert(name, spec, `(h.value ->> 'id')::uuid`, `h.value ->> 'orgId'`, `${document} -> ${literal(name)}`, 'heads h, ')})`,
  );
  return `
  with heads as (select value from jsonb_array_elements($1::jsonb)),
  head_rows as (
    insert into ${ident(definition.table)} (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at, ${fields.map(([, s]) => ident(s.column)).join(', ')})
    select (h.value ->> 'id')::uuid, h.value ->> 'orgId', (h.value ->> 'version')::int, (h.value ->> 'versionId')::uuid,
           (h.value ->> 'createdAt')::timestamptz, h.value ->> 'createdBy', (h.value ->> 'updatedAt')::timestamptz, h.value ->> 'updatedBy',
           (h.value ->> 'deletedAt')::timestamptz, ${fields.map(([name, s]) => readJsonField(document, name, s)).join(', ')}
    from heads h)${children.length ? `,\n  ${children.join(',\n  ')}` : ''}
  select count(*)::int as heads from heads`;
}

/** Change rows as parallel arrays, one per column: a bulk insert without parsing JSON per row. */
export interface ChangeRowColumns {
  position: string[];
  sequence: number[];
  orgId: string[];
  entityKind: string[];
  entityId: string[];
  version: number[];
  kind: string[];
  op: string[];
  /** Each path as a PostgreSQL array literal. */
  path: string[];
  from: string[];
  to: string[];
  recordedAt: string[];
  /** The schema version the records were classified under: the current one, since events are read upcast. */
  schemaVersion: number[];
}

export const INSERT_CHANGE_ROWS = `
  insert into revision_changes (${CHANGE_COLUMNS})
  select position, sequence, org_id, entity_kind, entity_id, version, kind, op, path::text[], "from", "to", recorded_at, schema_version
  from unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::uuid[], $6::int[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::timestamptz[], $13::int[])
    as r(position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)`;

export function emptyChangeRows(): ChangeRowColumns {
  return { position: [], sequence: [], orgId: [], entityKind: [], entityId: [], version: [], kind: [], op: [], path: [], from: [], to: [], recordedAt: [], schemaVersion: [] };
}

export function changeRowValues(rows: ChangeRowColumns): unknown[] {
  return [rows.position, rows.sequence, rows.orgId, rows.entityKind, rows.entityId, rows.version, rows.kind, rows.op, rows.path, rows.from, rows.to, rows.recordedAt, rows.schemaVersion];
}

export function pushChangeRecord(rows: ChangeRowColumns, row: { position: string; sequence: number; orgId: string; entityKind: string; entityId: string; version: number; recordedAt: string; schemaVersion: number }, record: ChangeRecord): void {
  rows.position.push(row.position);
  rows.sequence.push(row.sequence);
  rows.orgId.push(row.orgId);
  rows.entityKind.push(row.entityKind);
  rows.entityId.push(row.entityId);
  rows.version.push(row.version);
  rows.kind.push(record.kind);
  rows.op.push(record.op);
  rows.path.push(arrayLiteral(record.path));
  rows.from.push(JSON.stringify(record.from));
  rows.to.push(JSON.stringify(record.to));
  rows.recordedAt.push(row.recordedAt);
  rows.schemaVersion.push(row.schemaVersion);
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
