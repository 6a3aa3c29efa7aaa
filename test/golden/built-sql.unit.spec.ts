import { describe, expect, it } from 'vitest';
import type { Compilable } from '#database/query-builder.js';
import { entityDefinitions } from '#entities/entity-definitions.js';
import { usersNaming } from '#revisions/references/child-usage-finder.js';
import { entitiesAmong, liveEntitiesAmong } from '#revisions/references/reference-checker.js';
import { valueTaken } from '#revisions/references/unique-fields.js';
import { deleteProjection, expiredTrash, lockTrashed, trashPage } from '#revisions/trash/trash-sql.js';

const byKind = new Map(entityDefinitions.map((definition) => [definition.kind, definition]));
const id = '00000000-0000-0000-0000-000000000001';

/** The statement's text, then its parameters one per line, so a reviewer sees what binds where. */
function golden(query: Compilable<unknown>): string {
  const { sql, parameters } = query.compile();
  return `${sql}\n${parameters.map((value, index) => `-- $${index + 1} = ${JSON.stringify(value)}`).join('\n')}\n`;
}

/**
 * Golden files of the cold-path statements the query builder makes from each definition
 * (`test/golden/sql/<kind>/`), beside those of the generated hot-path SQL. After an intended
 * change: `npx vitest run test/golden -u`.
 */
describe.each(entityDefinitions.map((definition) => [definition.kind, definition] as const))('the built SQL of %s', (kind, definition) => {
  const statements: Record<string, Compilable<unknown>> = {
    trashPage: trashPage([definition], 'acme', { deletedAt: '2026-12-01T00:00:00.000Z', id }, 21),
    expiredTrash: expiredTrash(definition, '2026-12-01T00:00:00.000Z', 100, 'acme'),
    lockTrashed: lockTrashed(definition, id, 'acme'),
    deleteProjection: deleteProjection(definition, id),
    entitiesAmong: entitiesAmong(definition, 'acme', [id]),
    liveEntitiesAmong: liveEntitiesAmong(definition, 'acme', [id]),
  };
  for (const field of definition.uniqueFields) statements[`valueTaken.${field}`] = valueTaken(definition, field, 'acme', id, 'sales');
  for (const [name, spec] of Object.entries(definition.collections)) {
    if (spec.usedBy) statements[`usersNaming.${name}`] = usersNaming(byKind.get(spec.usedBy.kind)!, spec.usedBy, 'acme', id, ['country', 'revenue']);
  }

  it.each(Object.keys(statements))('%s', async (name) => {
    await expect(golden(statements[name])).toMatchFileSnapshot(`./sql/${kind}/${name}.sql`);
  });
});
