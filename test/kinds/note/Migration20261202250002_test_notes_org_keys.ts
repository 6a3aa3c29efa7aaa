import { Migration } from '@mikro-orm/migrations';

/** The note kind's keys include org_id, like every real kind's (Migration20261202250001_citus_ready_keys). */
export class Migration20261202250002_test_notes_org_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table note_links add column org_id text`);
    this.addSql(`update note_links l set org_id = n.org_id from notes n where n.id = l.note_id`);
    this.addSql(`alter table note_links alter column org_id set not null, drop constraint note_links_note_id_fkey`);
    this.addSql(`alter table notes drop constraint notes_pkey, add constraint notes_pkey primary key (id, org_id)`);
    this.addSql(`alter table note_links drop constraint note_links_pkey, add constraint note_links_pkey primary key (id, org_id),
                 drop constraint note_links_key, add constraint note_links_key unique (note_id, url, org_id),
                 add constraint note_links_note_id_fkey foreign key (note_id, org_id) references notes (id, org_id) on delete cascade`);
  }
}
