import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_ROLE } from '#database/database-roles.js';
import { openDatabase, type OpenDatabase } from '#database/open-database.js';

describe('the embedded default sets both roles up by itself', () => {
  const dataDir = join('.data', `test-embedded-roles-${process.pid}`);
  let open: OpenDatabase | undefined;
  afterAll(async () => {
    await open?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates as the cluster owner and runs the API as rewind_api, which may append but not delete', async () => {
    open = await openDatabase({ dataDir });
    const [{ role, owner }] = await open.database.query<{ role: string; owner: string }>(
      `select current_user as role, tableowner as owner from pg_tables where tablename = 'revision_events' and schemaname = current_schema()`,
    );
    expect(role).toBe(API_ROLE);
    expect(owner).not.toBe(API_ROLE);
    await expect(open.database.query('delete from revision_events')).rejects.toMatchObject({ code: '42501' });
    const [{ allowed }] = await open.database.query<{ allowed: boolean }>(`select has_table_privilege('revision_events', 'INSERT') as allowed`);
    expect(allowed).toBe(true);
  });
});
