import { describe, expect, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { dashboardDefinition } from '#entities/dashboard/dashboard.definition.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import { keptReferences } from './kept-references.js';

const CHART_A = 'a0000000-0000-4000-8000-00000000000a';
const CHART_B = 'b0000000-0000-4000-8000-00000000000b';
const CHART_C = 'c0000000-0000-4000-8000-00000000000c';
const dashboard = (...ids: string[]) => ({ ...emptyDocument(dashboardDefinition), chartIds: Object.fromEntries(ids.map((id) => [id, {}])) });

describe('keptReferences', () => {
  it('names the ids a version keeps from the one before, by referenced kind: not the ones it adds or drops', () => {
    expect(keptReferences(dashboardDefinition, dashboard(CHART_A, CHART_B), dashboard(CHART_B, CHART_C))).toEqual({ chart: [CHART_B] });
  });

  it('is empty when nothing is kept, and for kinds whose references cannot be dropped', () => {
    expect(keptReferences(dashboardDefinition, dashboard(CHART_A), dashboard(CHART_C))).toEqual({});
    expect(keptReferences(dashboardDefinition, dashboard(), dashboard())).toEqual({});
    expect(keptReferences(chartDefinition, emptyDocument(chartDefinition), emptyDocument(chartDefinition))).toEqual({});
  });

  it('leaves out what is not a uuid, so the check never casts a bad id', () => {
    expect(keptReferences(dashboardDefinition, dashboard('not-a-uuid', CHART_A), dashboard('not-a-uuid', CHART_A))).toEqual({ chart: [CHART_A] });
  });
});
