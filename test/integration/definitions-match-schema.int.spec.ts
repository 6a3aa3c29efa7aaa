import { getMetadataStorage } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityDefinitions } from '#entities/entity-definitions.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { FieldType } from '#revisions/definition/field-spec.js';
import { testKindDefinitions } from '#test/kinds/test-kinds.js';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';

/**
 * Every definition against the schema the migrations made (information_schema), and every DTO
 * against its definition: a field added to one and forgotten in the other fails here, not in a save.
 */
const AS_COLUMN: Record<FieldType, string> = { text: 'text', boolean: 'boolean', integer: 'integer', uuid: 'uuid', json: 'jsonb', 'text[]': '_text' };
const AUDIT = { id: 'uuid', org_id: 'text', version: 'int4', version_id: 'uuid', created_at: 'timestamptz', created_by: 'text', updated_at: 'timestamptz', updated_by: 'text', deleted_at: 'timestamptz' };
const SQL_NAME: Record<string, string> = { integer: 'int4', boolean: 'bool' };

let engine: TestEngine;
let columns: Map<string, Record<string, string>>;

beforeAll(async () => {
  engine = await startTestEngine();
  const rows = await engine.db.query<{ table_name: string; column_name: string; udt_name: string }>(
    `select table_name, column_name, udt_name from information_schema.columns where table_schema = current_schema()`,
  );
  columns = new Map();
  for (const row of rows) columns.set(row.table_name, { ...columns.get(row.table_name), [row.column_name]: row.udt_name });
});
afterAll(() => engine?.close());

const typeOf = (type: FieldType) => SQL_NAME[AS_COLUMN[type]] ?? AS_COLUMN[type];

describe.each([...entityDefinitions, ...testKindDefinitions].map((definition) => [definition.kind, definition] as const))('the %s definition', (_kind, definition: EntityDefinition) => {
  it('matches its tables in information_schema: audit columns, one column per field of the right type, child tables', () => {
    const table = columns.get(definition.table);
    expect(table, `table ${definition.table}`).toBeDefined();
    const expected: Record<string, string> = { ...AUDIT };
    for (const spec of Object.values({ ...definition.fields, ...definition.cached })) expected[spec.column] = typeOf(spec.type);
    expect(pick(table!, Object.keys(expected))).toEqual(expected);
    for (const spec of Object.values(definition.collections)) {
      const child = columns.get(spec.table);
      expect(child, `table ${spec.table}`).toBeDefined();
      const childExpected: Record<string, string> = { [spec.parentColumn]: 'uuid', [spec.keyColumn]: spec.keyType };
      for (const item of Object.values(spec.itemFields)) childExpected[item.column] = typeOf(item.type);
      expect(pick(child!, Object.keys(childExpected))).toEqual(childExpected);
    }
  });

  it('has a DTO declaring exactly its writable fields, collections and cached fields', () => {
    const declared = new Set(getMetadataStorage().getTargetValidationMetadatas(definition.dto, '', true, false).map((metadata) => metadata.propertyName));
    const writable = [...Object.keys(definition.fields), ...Object.keys(definition.collections), ...Object.keys(definition.cached)];
    expect([...declared].sort()).toEqual(writable.sort());
  });
});

function pick(row: Record<string, string>, keys: string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}
