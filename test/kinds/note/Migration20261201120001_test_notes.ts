import { Migration } from '@mikro-orm/migrations';

/** The note kind's projection, applied only to test databases (test/kinds/test-kinds.ts). */
export class Migration20261201120001_test_notes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table notes (
      id uuid primary key, org_id text not null, version integer not null, version_id uuid not null,
      created_at timestamptz not null, created_by text not null, updated_at timestamptz not null, updated_by text not null,
      deleted_at timestamptz, owners text[] not null default '{}', tags text[] not null default '{}',
      title text not null, body text, priority integer, settings jsonb not null default '{}')`);
    this.addSql('create index notes_org_created on notes (org_id, created_at desc, id desc) where deleted_at is null');
    this.addSql(`create table note_links (
      id bigint generated always as identity primary key,
      note_id uuid not null references notes (id) on delete cascade,
      url text not null, label text, pinned boolean not null default false,
      constraint note_links_key unique (note_id, url))`);
  }
}
