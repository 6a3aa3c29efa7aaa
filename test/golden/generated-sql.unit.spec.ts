import { describe, expect, it } from 'vitest';
import { buildKindStatements } from '#revisions/event-store/kind-statements.js';
import { buildInsertHeads } from '#revisions/projections/rebuild-statements.js';
import { entityDefinitions } from '#entities/entity-definitions.js';

/**
 * Golden files of the SQL each definition generates (`test/golden/sql/<kind>/`), so a
 * reviewer reads what a definition change does to the statements. After an intended change:
 * `npx vitest run test/golden -u`.
 */
describe.each(entityDefinitions.map((definition) => [definition.kind, definition] as const))('the SQL of %s', (kind, definition) => {
  const statements = { ...buildKindStatements(definition), insertHeads: buildInsertHeads(definition) };

  it.each(Object.keys(statements))('%s', async (name) => {
    const sql = statements[name as keyof typeof statements];
    await expect(`${sql.trim()}\n`).toMatchFileSnapshot(`./sql/${kind}/${name}.sql`);
  });
});
