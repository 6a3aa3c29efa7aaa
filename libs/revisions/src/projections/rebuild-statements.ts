import type { EntityDefinition } from '../definition/entity-definition.js';
import { CHANGE_COLUMNS, CHANGE_RECORD_VALUES, childUpsert } from './projection-statements.js';
import { ident, literal, readJsonField } from './sql-fragments.js';

/**
 * $1: JSON array of folded heads `{ id, orgId, version, versionId, createdAt, createdBy, updatedAt,
 * updatedBy, deletedAt, document }` → their head rows and child rows, in one statement.
 */
export function buildInsertHeads(definition: EntityDefinition): string {
  const fields = Object.entries(definition.fields);
  const document = `(h.value -> 'document')`;
  const children = Object.entries(definition.collections).map(
    ([name, spec], index) => `child_${index} as (${childUpsert(name, spec, `(h.value ->> 'id')::uuid`, `${document} -> ${literal(name)}`, 'heads h, ')})`,
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

/** $1: JSON array of `{ position, sequence, orgId, entityKind, entityId, version, recordedAt, record }`. */
export const INSERT_CHANGE_ROWS = `
  insert into revision_changes (${CHANGE_COLUMNS})
  select (r.value ->> 'position')::bigint, (r.value ->> 'sequence')::int, r.value ->> 'orgId', r.value ->> 'entityKind',
         (r.value ->> 'entityId')::uuid, (r.value ->> 'version')::int, ${CHANGE_RECORD_VALUES}, (r.value ->> 'recordedAt')::timestamptz
  from jsonb_array_elements($1::jsonb) as r(value), lateral (select r.value -> 'record' as value) as c`;
