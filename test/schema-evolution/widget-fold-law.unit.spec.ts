import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffEntity } from '#revisions/definition/entity-document.js';
import { sameJson, type Json, type JsonObject } from '#revisions/document/json.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import { foldStream } from '#revisions/projections/fold-stream.js';
import { shapeProblems } from '#revisions/schema-evolution/document-shape.js';
import { upcastDocument, upcastEvent } from '#revisions/schema-evolution/upcast.js';
import { widgetV1, widgetV3 } from './widget.definitions.js';

/**
 * The law behind every read across a definition change, on whole streams: folding the upcast
 * events of a v1 history equals upgrading the v1 fold, at every version (pure, no database).
 */
const json: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(null, 'Last week', 1, true), fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom<Json>(1, 'x', null), { maxKeys: 2, noNullPrototype: true }));
const documentV1 = fc.record({
  owners: fc.constant(['ada']),
  tags: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
  name: fc.constantFrom('Sales', 'Ops'),
  color: fc.option(fc.constantFrom('red', 'blue'), { nil: null }),
  options: fc.dictionary(fc.constantFrom('time_range', 'a', 'color'), json, { maxKeys: 3, noNullPrototype: true }),
  tiles: fc.dictionary(fc.constantFrom('1', '2', '3'), fc.record({ size: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }), label: fc.constantFrom<Json>(null, 'x') }), { maxKeys: 3, noNullPrototype: true }),
}) as fc.Arbitrary<JsonObject>;

function eventsOf(states: JsonObject[]): RevisionEvent[] {
  const base = { position: '0', streamKind: 'widget', streamId: 'w1', versionId: 'v', metadata: { actor: { id: 'ada' }, org: 'o' }, recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };
  return states.map((state, index) =>
    index === 0
      ? ({ ...base, version: 1, type: 'Created', data: { state } } as RevisionEvent)
      : ({ ...base, version: index + 1, type: 'Updated', data: { changes: diffEntity(widgetV1, states[index - 1], state) } } as RevisionEvent),
  );
}

describe('fold(upcast(events)) = upgrade(fold(events)) for widget histories written under v1', () => {
  it('holds at every version of random histories, and gives the v3 shape exactly', () => {
    fc.assert(
      fc.property(fc.array(documentV1, { minLength: 1, maxLength: 8 }), (states) => {
        const events = eventsOf(states);
        for (let version = 1; version <= events.length; version++) {
          const upcastFold = foldStream(events.slice(0, version).map((event) => upcastEvent(widgetV3, event)))!.document;
          const upgradedFold = upcastDocument(widgetV3, foldStream(events.slice(0, version))!.document, 1);
          expect(sameJson(upcastFold, upgradedFold), JSON.stringify({ version, upcastFold, upgradedFold })).toBe(true);
          expect(shapeProblems(widgetV3, upcastFold)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
