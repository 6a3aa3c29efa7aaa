import pg from 'pg';

/**
 * The widget projection and its migrations, applied only by the tests that use the kind. Each
 * definition version comes with the SQL that brings the table along, as a real kind's migration would.
 */
const CREATE_V1 = [
  `create table widgets (
     id uuid, org_id text not null, version integer not null, version_id uuid not null,
     created_at timestamptz not null, created_by text not null, updated_at timestamptz not null, updated_by text not null,
     deleted_at timestamptz, owners text[] not null, tags text[] not null,
     name text not null, color text, options jsonb not null,
     primary key (id, org_id))`,
  // Keys include org_id, as every real kind's do (docs/decisions.md).
  `create table widget_tiles (
     id bigint generated always as identity, org_id text not null,
     widget_id uuid not null,
     slot text not null, size integer, label text,
     primary key (id, org_id),
     foreign key (widget_id, org_id) references widgets (id, org_id) on delete cascade,
     constraint widget_tiles_key unique (widget_id, slot, org_id))`,
];

const UPGRADE_TO_V2 = [`alter table widgets rename column name to title`];

const UPGRADE_TO_V3 = [
  `alter table widgets add column appearance jsonb not null default '{}'`,
  `update widgets set appearance = jsonb_build_object('color', color)`,
  `alter table widgets alter column appearance drop default, drop column color`,
  `alter table widget_tiles rename column slot to tile_key`,
  `update widget_tiles set tile_key = 'tile-' || tile_key`,
];

/** Runs as a deploy would: one transaction, while no build serves the kind. */
async function run(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

export const widgetSchema = {
  createV1: (url: string) => run(url, CREATE_V1),
  upgradeToV2: (url: string) => run(url, UPGRADE_TO_V2),
  upgradeToV3: (url: string) => run(url, UPGRADE_TO_V3),
};
