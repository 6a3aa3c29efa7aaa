import { describe, expect, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import type { JsonObject } from '#revisions/document/json.js';
import { PreconditionFailedError } from '#revisions/errors.js';
import { edits, given, headOf, save } from '#test/support/given-when-then.js';

const chart = headOf('chart', {
  ...emptyDocument(chartDefinition),
  name: 'Sales',
  vizType: 'line',
  owners: ['u1'],
  params: { time_range: 'Last week', color_scheme: 'bnbColors' },
});
const params = (document: JsonObject) => document.params as JsonObject;

describe('decideSave', () => {
  it('appends the fields a PATCH changes, at their deepest paths', () => {
    given(chart)
      .when(save({ name: 'Revenue', params: { time_range: 'Last month', color_scheme: 'bnbColors' } }))
      .then([
        { op: 'change', path: ['name'], from: 'Sales', to: 'Revenue' },
        { op: 'change', path: ['params', 'time_range'], from: 'Last week', to: 'Last month' },
      ]);
  });

  it('appends nothing when the edit changes nothing, and passes the cached fields on to be stored', () => {
    const decision = given(chart).when(save({ name: 'Sales' }, 'partial', { queryContext: { q: 1 } })).thenNothing();
    expect(decision.cached).toEqual({ queryContext: { q: 1 } });
  });

  it('a PUT replaces the whole versioned state: fields it leaves out go back to their defaults, owners stay', () => {
    given(chart)
      .when(save({ name: 'Sales', vizType: 'line' }, 'full'))
      .then([
        { op: 'remove', path: ['params', 'color_scheme'], from: 'bnbColors', to: null },
        { op: 'remove', path: ['params', 'time_range'], from: 'Last week', to: null },
      ]);
  });

  it('merges a stale edit onto the head when nobody touched the same units since', () => {
    const since = edits(chart, (d) => void (params(d).color_scheme = 'googleCategory10c'));
    const decision = given(chart, since).when(save({ name: 'Revenue' })).then([{ op: 'change', path: ['name'], from: 'Sales', to: 'Revenue' }]);
    expect(decision).toMatchObject({ merged: true, after: { name: 'Revenue', params: { color_scheme: 'googleCategory10c' } } });
  });

  it('refuses a stale edit of a unit someone else changed since: 412 naming it, with the current state', () => {
    const since = edits(chart, (d) => void (params(d).time_range = 'Last year'));
    given(chart, since)
      .when(save({ params: { time_range: 'Last month', color_scheme: 'bnbColors' } }))
      .thenRejected(PreconditionFailedError, { conflicts: ['params.time_range'], current: { version: 2, params: { time_range: 'Last year' } } });
  });

  it('refuses any stale edit after a delete', () => {
    given(chart, edits(chart, 'delete')).when(save({ name: 'Revenue' })).thenRejected(PreconditionFailedError, { conflicts: ['name'] });
  });

  it('sees the same value set by both as a collision: the unit changed since the client looked', () => {
    const since = edits(chart, (d) => void (d.name = 'Revenue'));
    given(chart, since).when(save({ name: 'Revenue' })).thenRejected(PreconditionFailedError, { conflicts: ['name'] });
  });

  it('a stale edit that changes nothing appends nothing and is not called merged', () => {
    const since = edits(chart, (d) => void (d.name = 'Revenue'));
    expect(given(chart, since).when(save({})).thenNothing()).toMatchObject({ merged: false });
  });
});
