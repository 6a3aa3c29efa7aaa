import { describe, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import { EntityNotFoundError, PreconditionFailedError } from '#revisions/errors.js';
import { given, headOf, remove } from '#test/support/given-when-then.js';

const chart = headOf('chart', { ...emptyDocument(chartDefinition), name: 'Sales', vizType: 'line' }, { version: 4 });
const deleted = { ...chart, deletedAt: '2026-12-01T12:00:00.000Z' };

describe('decideDelete', () => {
  it('appends a Deleted event for a live entity, with If-Match naming the head in any case', () => {
    given(chart).when(remove()).then([]);
    given(chart).when(remove({ ifMatch: chart.versionId.toUpperCase() })).then([]);
  });

  it('never merges: If-Match naming an older version is a 412', () => {
    given(chart).when(remove({ ifMatch: '00000000-0000-4000-8000-000000000000' })).thenRejected(PreconditionFailedError, { conflicts: ['*'] });
  });

  it('a repeat of the command that deleted it finds its work done; any other delete finds nothing', () => {
    given(deleted).when(remove({ ranBefore: true })).thenNothing();
    given(deleted).when(remove()).thenRejected(EntityNotFoundError);
  });
});
