import type { EntityDefinition } from '../definition/entity-definition.js';
import type { CollectionSpec } from '../definition/collection-spec.js';
import type { FieldSpec } from '../definition/field-spec.js';
import { columnAsJson, ident, literal, readJsonField } from './sql-fragments.js';

/**
 * The SQL of one kind's projection, generated once from its definition. Every write is a single
 * statement: the event insert, the head row, the child rows and the change records are
 * data-modifying CTEs of one query, so a save is one round trip and atomic without BEGIN/COMMIT.
 *
 * Shared parameters of both writes:
 *   $1 kind  $2 id  $3 version  $4 versionId  $5 type  $6 data  $7 metadata  $8 recordedAt
 *   $9 actor  $10 org  $11 change records
 */
export interface KindStatements {
  /** $1 id, $2 org → the head row with its document built in SQL. */
  selectHead: string;
  /**
   * $1 org, $2 created_at and $3 id of the last row seen (or null), $4 limit, $5–$8 filters (null:
   * none) → live heads, newest first.
   */
  selectPage: string;
  /** $12 `{ document, cached }`: the full state and the cached fields. */
  create: string;
  /**
   * $12 lifecycle ('deleted' | 'live' | null), $13 `{ fields, upserts, removals, cached, snapshot, kept }`:
   * changed top-level fields, children to upsert and child keys to remove per collection, changed
   * cached fields, the full head when this version is snapshotted, and (kinds whose references can
   * be dropped) the referenced ids it keeps, by kind. Returns the position and the row's cached fields
   * as they now are (another replica may have changed them); when a kept reference no longer exists
   * (purged since), it writes nothing and returns those ids as `gone`, with a null position.
   */
  append: string;
  /** $1 id, $2 org, $3 changed cached fields: a save that touches only the cache appends no event. */
  updateCached: string;
}

/**
 * Events and snapshots are written in the definition's current schema version, baked into the
 * statement. `guard`: a condition without which nothing is inserted.
 */
const eventInsert = (schemaVersion: number, guard?: string) => `ev as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    ${guard ? 'select ' : 'values ('}$1::text, $2::uuid, $3::int, $4::uuid, $5::text, $6::jsonb, $7::jsonb, $8::timestamptz, ${schemaVersion}, $10::text${guard ? ` where ${guard}` : ')'}
    returning position)`;

export const CHANGE_COLUMNS = `position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version`;
/** Columns of a change row from its record `c.value`. */
const CHANGE_RECORD_VALUES = `c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to'`;

/** Change records carry the schema version they were classified under, like their event. */
const changesInsert = (schemaVersion: number) => `changes as (
    insert into revision_changes (${CHANGE_COLUMNS})
    select ev.position, c.sequence::int, $10::text, $1::text, $2::uuid, $3::int, ${CHANGE_RECORD_VALUES}, $8::timestamptz, ${schemaVersion}
    from ev, jsonb_array_elements($11::jsonb) with ordinality as c(value, sequence))`;

/** Every Nth version the writer adds the full head as `snapshot`; otherwise it is null. */
const snapshotInsert = (schemaVersion: number, guard?: string) => `snapshot as (
    insert into revision_snapshots (stream_kind, stream_id, version, state, schema_version, org_id)
    select $1::text, $2::uuid, $3::int, $13::jsonb -> 'snapshot', ${schemaVersion}, $10::text where jsonb_typeof($13::jsonb -> 'snapshot') = 'object'${guard ? ` and ${guard}` : ''})`;

const CREATE_DOCUMENT = `($12::jsonb -> 'document')`;
const CREATE_CACHED = `($12::jsonb -> 'cached')`;
const DELTA = '$13::jsonb';

/**
 * Kept references (`$13 -> 'kept'`, ids by kind) purged since: only a purge removes an entity for
 * good, and it leaves a `revision_purges` row. Checking them inside the append keeps a warm save at
 * one round trip; only a save that finds one gone looks further. `revision_purges` is no projection,
 * so a rebuild, which holds every projection table, never waits on this read.
 */
function purgedReferences(definition: EntityDefinition): string | undefined {
  const kinds = [...new Set(definition.references.filter((reference) => reference.drop).map((reference) => reference.kind))];
  if (kinds.length === 0) return undefined;
  const ofKind = kinds.map((kind) => `(p.entity_kind = ${literal(kind)} and p.entity_id = any(array(select jsonb_array_elements_text(${DELTA} -> 'kept' -> ${literal(kind)}))::uuid[]))`);
  return `select p.entity_id::text from revision_purges p where p.org_id = $10::text and (${ofKind.join(' or ')})`;
}

export function buildKindStatements(definition: EntityDefinition): KindStatements {
  const table = ident(definition.table);
  const fields = Object.entries(definition.fields);
  const cached = Object.entries(definition.cached);
  const collections = Object.entries(definition.collections);

  const documentFields = fields.map(([name, spec]) => `${literal(name)}, ${columnAsJson('t', spec)}`);
  const documentCollections = collections.map(([name, spec]) => {
    const item = Object.entries(spec.itemFields).map(([itemName, itemSpec]) => `${literal(itemName)}, ${columnAsJson('c', itemSpec)}`);
    return `${literal(name)}, (select coalesce(jsonb_object_agg(c.${ident(spec.keyColumn)}::text, jsonb_build_object(${item.join(', ')})), '{}'::jsonb)
        from ${ident(spec.table)} c where c.${ident(spec.parentColumn)} = t.id and c.org_id = t.org_id)`;
  });
  const headSelect = `
    select t.id, t.org_id, t.version, t.version_id, t.created_at, t.created_by, t.updated_at, t.updated_by, t.deleted_at,
           jsonb_build_object(${documentFields.join(', ')})${documentCollections.length ? ` || jsonb_build_object(${documentCollections.join(', ')})` : ''} as document,
           jsonb_build_object(${cached.map(([name, spec]) => `${literal(name)}, ${columnAsJson('t', spec)}`).join(', ')}) as cached
    from ${table} t`;
  const selectHead = `${headSelect} where t.id = $1::uuid and t.org_id = $2::text`;
  // Filters: $5 owner, $6 tag, $7 published (kinds with a boolean `published` field), $8 ILIKE
  // pattern on the label field (served by its trigram index).
  const published = definition.fields.published?.type === 'boolean' ? `t.${ident(definition.fields.published.column)} = $7::boolean` : 'false';
  const selectPage = `${headSelect}
    where t.org_id = $1::text and t.deleted_at is null
      and ($2::timestamptz is null or (t.created_at, t.id) < ($2::timestamptz, $3::uuid))
      and ($5::text is null or t.owners @> array[$5::text])
      and ($6::text is null or t.tags @> array[$6::text])
      and ($7::boolean is null or ${published})
      and ($8::text is null or t.${ident(definition.fields[definition.labelField].column)} ilike $8::text)
    order by t.created_at desc, t.id desc limit $4::int`;

  const childUpserts = (source: string) =>
    collections.map(([name, spec], index) => `upsert_${index} as (${childUpsert(name, spec, '$2::uuid', '$10::text', `${source} -> ${literal(name)}`)})`);
  // The check guards the event insert; what follows the insert runs only if it inserted.
  const gone = purgedReferences(definition);
  const guard = gone && 'exists (select 1 from ev)';

  const create = withStatement([
    eventInsert(definition.schemaVersion),
    `head as (
    insert into ${table} (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, ${[...fields, ...cached].map(([, s]) => ident(s.column)).join(', ')})
    values ($2::uuid, $10::text, $3::int, $4::uuid, $8::timestamptz, $9::text, $8::timestamptz, $9::text,
      ${[...fields.map(([name, s]) => readJsonField(CREATE_DOCUMENT, name, s)), ...cached.map(([name, s]) => readJsonField(CREATE_CACHED, name, s))].join(', ')}))`,
    ...childUpserts(CREATE_DOCUMENT),
    changesInsert(definition.schemaVersion),
  ]);

  const assign = (source: string) => ([name, s]: [string, FieldSpec]) =>
    `${ident(s.column)} = case when ${source} ? ${literal(name)} then ${readJsonField(source, name, s)} else ${ident(s.column)} end`;
  const assignments = [...fields.map(assign(`(${DELTA} -> 'fields')`)), ...cached.map(assign(`(${DELTA} -> 'cached')`))];
  const childRemovals = collections.map(
    ([name, spec], index) => `remove_${index} as (
    delete from ${ident(spec.table)} where ${ident(spec.parentColumn)} = $2::uuid and org_id = $10::text
      and ${ident(spec.keyColumn)} = any(array(select jsonb_array_elements_text(${DELTA} -> 'removals' -> ${literal(name)}))::${spec.keyType}[])${guard ? ` and ${guard}` : ''})`,
  );
  const appendCtes = [
    eventInsert(definition.schemaVersion, gone && `not exists (${gone})`),
    `head as (
    update ${table} set version = $3::int, version_id = $4::uuid, updated_at = $8::timestamptz, updated_by = $9::text,
      deleted_at = case $12::text when 'deleted' then $8::timestamptz when 'live' then null else deleted_at end,
      ${assignments.join(',\n      ')}
    where id = $2::uuid and org_id = $10::text and version = $3::int - 1${guard ? ` and ${guard}` : ''}
    returning jsonb_build_object(${cached.map(([name, spec]) => `${literal(name)}, ${columnAsJson(table, spec)}`).join(', ')}) as cached)`,
    ...childRemovals,
    ...childUpserts(guard ? `(case when ${guard} then ${DELTA} -> 'upserts' end)` : `(${DELTA} -> 'upserts')`),
    changesInsert(definition.schemaVersion),
    snapshotInsert(definition.schemaVersion, guard),
  ];
  // A guarded append may insert no event: its row then says which kept references are gone.
  const append = guard
    ? withStatement(appendCtes, `(select position from ev) as position, (select cached from head) as cached,
      case when exists (select 1 from ev) then array[]::text[] else array(${gone}) end as gone`, null)
    : withStatement(appendCtes, 'position, (select cached from head) as cached');

  const updateCached = `update ${table} set ${['version = version', ...cached.map(assign('$3::jsonb'))].join(', ')}
    where id = $1::uuid and org_id = $2::text and deleted_at is null`;

  return { selectHead, selectPage, create, append, updateCached };
}

/**
 * Inserts or updates in place the children in `items` (a JSON object keyed by natural key):
 * `on conflict … do update` keeps each child row's primary key stable across edits. `insertOnly`
 * leaves that clause out, for a table that is filled once and has no keys yet (a rebuild).
 */
export function childUpsert(name: string, spec: CollectionSpec, parentId: string, org: string, items: string, extraFrom = '', insertOnly = false): string {
  const itemEntries = Object.entries(spec.itemFields);
  const columns = [spec.parentColumn, 'org_id', spec.keyColumn, ...itemEntries.map(([, s]) => s.column)].map(ident);
  const values = [parentId, org, `x.key::${spec.keyType}`, ...itemEntries.map(([itemName, s]) => readJsonField('x.value', itemName, s))];
  const onConflict = itemEntries.length ? `do update set ${itemEntries.map(([, s]) => `${ident(s.column)} = excluded.${ident(s.column)}`).join(', ')}` : 'do nothing';
  return `
    insert into ${ident(spec.table)} (${columns.join(', ')})
    select ${values.join(', ')} from ${extraFrom}jsonb_each(${items}) as x(key, value)${insertOnly ? '' : `
    on conflict (${ident(spec.parentColumn)}, ${ident(spec.keyColumn)}, org_id) ${onConflict}`}`;
}

/** `from`: null for a result of scalar subqueries, which has its one row even when `ev` inserted none. */
function withStatement(ctes: string[], result = 'position', from: string | null = 'ev'): string {
  return `with ${ctes.join(',\n  ')}\n  select ${result}${from ? ` from ${from}` : ''}`;
}
