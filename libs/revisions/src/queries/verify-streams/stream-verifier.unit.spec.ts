import { describe, expect, it } from 'vitest';
import { defineEntity, field } from '#revisions/definition/entity-definition.js';
import type { EventRow } from '#revisions/event-store/stored-rows.js';
import { readEvent } from '#revisions/event-store/stored-rows.js';
import { upcast } from '#revisions/schema-evolution/upcaster-steps.js';
import { StreamVerifier } from './stream-verifier.js';

const note = defineEntity({ kind: 'note', resource: 'notes', table: 'notes', dto: class {}, schemaVersion: 2, upcasters: [upcast.renameField('text', 'body')], fields: { body: field.text() } });
const definitionOf = (kind: string) => (kind === 'note' ? note : undefined);

let position = 0;
const row = (id: string, version: number, type: EventRow['type'], data: object, schemaVersion = 1): EventRow => ({
  position: String(++position),
  stream_kind: id.startsWith('x') ? 'gadget' : 'note',
  stream_id: id,
  version,
  version_id: `${id}-${version}`,
  type,
  data: data as never,
  metadata: { actor: { id: 'ada' }, org: 'o' },
  recorded_at: '2026-01-01T00:00:00.000Z',
  schema_version: schemaVersion,
});

function verify(rows: EventRow[]) {
  const verifier = new StreamVerifier(definitionOf, (stored: EventRow) => readEvent(stored, () => note));
  for (const stored of rows) verifier.push(stored);
  verifier.end();
  return verifier;
}

describe('StreamVerifier', () => {
  it('folds streams written under any known version into the current shape', () => {
    const verifier = verify([
      row('a', 1, 'Created', { state: { owners: [], tags: [], text: 'hi' } }),
      row('a', 2, 'Updated', { changes: [{ op: 'change', path: ['text'], from: 'hi', to: 'ho' }] }),
      row('b', 1, 'Created', { state: { owners: [], tags: [], body: 'new' } }, 2),
    ]);
    expect(verifier).toMatchObject({ streams: 2, failures: [] });
  });

  it('names each failing stream once, with the version and the reason, and goes on with the next', () => {
    const verifier = verify([
      row('a', 2, 'Updated', { changes: [] }),
      row('a', 3, 'Deleted', {}),
      row('b', 1, 'Created', { state: { owners: [], tags: [], body: 'x' } }, 3),
      row('c', 1, 'Created', { state: { owners: [], tags: [], body: 'x', stray: 1 } }, 2),
      row('d', 1, 'Created', { state: { owners: [], tags: [], body: 'fine' } }, 2),
      row('x1', 1, 'Created', { state: {} }),
    ]);
    expect(verifier.streams).toBe(5);
    expect(verifier.failures).toEqual([
      { kind: 'note', id: 'a', version: 2, reason: 'Updated at version 2 of a has no prior state' },
      { kind: 'note', id: 'b', version: 1, reason: 'note data has schema version 3; this build reads versions 1 to 2' },
      { kind: 'note', id: 'c', version: 1, reason: 'unknown stray' },
      { kind: 'gadget', id: 'x1', version: 1, reason: 'no definition for kind gadget' },
    ]);
  });
});
