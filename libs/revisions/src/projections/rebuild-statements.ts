import type { ChangeRecord } from '../change-log/change-record.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { CHANGE_COLUMNS, childUpsert } from '../event-store/kind-statements.js';
import { ident, literal, readJsonField } from '../event-store/sql-fragments.js';

/**
 * $1: JSON array of folded heads `{ id, orgId, version, versionId, createdAt, createdBy, updatedAt,
 * updatedBy, deletedAt, document }` → their head rows and child rows, in one statement (into the
 * tables `tableOf` names: a rebuild writes new tables and swaps them in).
 */
export function buildInsertHeads(definition: EntityDefinition, tableOf: (table: string) => string = (table) => table): string {
  const fields = Object.entries(definition.fields);
  const document = `(h.value -> 'document')`;
  const children = Object.entries(definition.collections).map(
    ([name, spec], index) => `child_${index} as (${childUpsert(name, { ...spec, table: tableOf(spec.table) }, `(h.value ->> 'id')::uuid`, `h.value ->> 'orgId'`, `${document} -> ${literal(name)}`, 'heads h, ', true)})`,
  );
  return `
  with heads as (select value from jsonb_array_elements($1::jsonb)),
  head_rows as (
    insert into ${ident(tableOf(definition.table))} (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at, ${fields.map(([, s]) => ident(s.column)).join(', ')})
    select (h.value ->> 'id')::uuid, h.value ->> 'orgId', (h.value ->> 'version')::int, (h.value ->> 'versionId')::uuid,
           (h.value ->> 'createdAt')::timestamptz, h.value ->> 'createdBy', (h.value ->> 'updatedAt')::timestamptz, h.value ->> 'updatedBy',
           (h.value ->> 'deletedAt')::timestamptz, ${fields.map(([name, s]) => readJsonField(document, name, s)).join(', ')}
    from heads h)${children.length ? `,\n  ${children.join(',\n  ')}` : ''}
  select count(*)::int as heads from heads`;
}

/** The columns of `CHANGE_COLUMNS`, for one change row. */
export interface ChangeRow {
  position: string;
  sequence: number;
  orgId: string;
  entityKind: string;
  entityId: string;
  version: number;
  recordedAt: string;
  /** The schema version the records were classified under: the current one, since events are read upcast. */
  schemaVersion: number;
}

/** `copy <table> (CHANGE_COLUMNS) from stdin` into `table`. */
export const copyChangeRows = (table: string) => `copy ${ident(table)} (${CHANGE_COLUMNS}) from stdin`;

/**
 * One change row as a line of COPY's text format: tab-separated, `\N` for SQL null (an absent
 * side; a JSON null stays the JSON value `null`, as the append statement stores it).
 */
export function changeRowLine(row: ChangeRow, record: ChangeRecord): string {
  return `${row.position}\t${row.sequence}\t${copyText(row.orgId)}\t${copyText(row.entityKind)}\t${row.entityId}\t${row.version}\t${copyText(record.kind)}\t${copyText(record.op)}\t${copyText(arrayLiteral(record.path))}\t${jsonText(record.from)}\t${jsonText(record.to)}\t${row.recordedAt}\t${row.schemaVersion}\n`;
}

function jsonText(value: unknown): string {
  return value === undefined ? '\\N' : copyText(JSON.stringify(value));
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** COPY text escaping: backslash, newline, carriage return and tab. */
function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : value;
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
