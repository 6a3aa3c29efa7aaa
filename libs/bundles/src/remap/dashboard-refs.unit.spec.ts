import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '#revisions/document/json.js';
import { SupersetBundleBuilder, type BuiltChart } from '#test/support/superset-bundle.js';
import { remapDashboardRefs } from './dashboard-refs.js';
import { assignIntIds, exportRefMap, importRefMap, type IdResolver } from './ref-maps.js';

/** Given source charts and datasets, a resolver that maps each to a fresh Rewind id. */
function freshIds(chartUuids: string[], datasetUuids: string[]): IdResolver & { charts: Map<string, string>; datasets: Map<string, string> } {
  const charts = new Map(chartUuids.map((uuid) => [uuid, randomUUID()]));
  const datasets = new Map(datasetUuids.map((uuid) => [uuid, randomUUID()]));
  return { charts, datasets, chart: (uuid) => charts.get(uuid), dataset: (uuid) => datasets.get(uuid) };
}

function built(charts: number): { dashboard: JsonObject; charts: BuiltChart[] } {
  const builder = new SupersetBundleBuilder();
  const dataset = builder.dataset();
  const list = Array.from({ length: charts }, () => builder.chart(dataset));
  return { dashboard: builder.dashboard(list) as JsonObject, charts: list };
}

const importDashboard = (dashboard: JsonObject, ids: IdResolver) =>
  remapDashboardRefs(dashboard.position as JsonObject, dashboard.metadata as JsonObject, importRefMap(dashboard.position as JsonObject, ids));

describe('remapDashboardRefs on import (Superset integer ids → Rewind ids)', () => {
  it('translates every place a dashboard names a chart or dataset', () => {
    const { dashboard, charts } = built(3);
    const ids = freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]);
    const [a, b, c] = charts.map((chart) => ids.charts.get(chart.uuid)!);
    const { layout, metadata, dropped } = importDashboard(dashboard, ids);
    expect(dropped).toEqual([]);
    expect(layout['CHART-0']).toMatchObject({ meta: { chartId: a, uuid: a } });
    expect(metadata.timed_refresh_immune_slices).toEqual([a]);
    expect(metadata.expanded_slices).toEqual({ [a]: true });
    expect(JSON.parse(metadata.default_filters as string)).toEqual({ [a]: { country: ['FR'] } });
    expect(metadata.filter_scopes).toEqual({ [a]: { country: { scope: ['ROOT_ID'], immune: [b] } } });
    expect(metadata.chart_configuration).toEqual({
      [a]: { id: a, crossFilters: { scope: { rootPath: ['ROOT_ID'], excluded: [a] }, chartsInScope: [b, c] } },
      [b]: { id: b, crossFilters: { scope: { rootPath: ['ROOT_ID'], excluded: [b] }, chartsInScope: [a, c] } },
      [c]: { id: c, crossFilters: { scope: { rootPath: ['ROOT_ID'], excluded: [c] }, chartsInScope: [a, b] } },
    });
    expect(metadata.global_chart_configuration).toEqual({ scope: { rootPath: ['ROOT_ID'], excluded: [] }, chartsInScope: [a, b, c] });
    const [filter] = metadata.native_filter_configuration as JsonObject[];
    expect(filter).toMatchObject({ chartsInScope: [a, b, c], scope: { excluded: [b] }, targets: [{ datasetUuid: ids.datasets.get(charts[0].datasetUuid) }] });
  });

  it('drops references to charts that are not on the dashboard, and says where', () => {
    const { dashboard, charts } = built(2);
    const metadata = dashboard.metadata as JsonObject;
    metadata.timed_refresh_immune_slices = [charts[0].chartId, 999_999];
    (metadata.chart_configuration as JsonObject)['999999'] = { id: 999_999, crossFilters: { scope: 'global', chartsInScope: [] } };
    const result = importDashboard(dashboard, freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]));
    expect(result.dropped).toEqual(['metadata.timed_refresh_immune_slices.1', 'metadata.chart_configuration.999999']);
    expect(JSON.stringify(result.metadata)).not.toContain('999999');
  });

  it('accepts the example-export format, where metadata names charts by uuid', () => {
    const { dashboard, charts } = built(2);
    const metadata = dashboard.metadata as JsonObject;
    metadata.chart_configuration = { [charts[0].uuid]: { id: charts[0].uuid, crossFilters: { scope: 'global', chartsInScope: [charts[1].uuid] } } };
    const ids = freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]);
    const [a, b] = charts.map((chart) => ids.charts.get(chart.uuid)!);
    expect(importDashboard(dashboard, ids).metadata.chart_configuration).toEqual({ [a]: { id: a, crossFilters: { scope: 'global', chartsInScope: [b] } } });
  });

  it('leaves its inputs untouched', () => {
    const { dashboard, charts } = built(2);
    const before = structuredClone(dashboard);
    importDashboard(dashboard, freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]));
    expect(dashboard).toEqual(before);
  });
});

/** Chart references inside a dashboard: every value `remapDashboardRefs` is meant to translate. */
function chartRefs(layout: JsonObject, metadata: JsonObject): Json[] {
  const refs: Json[] = [];
  for (const component of Object.values(layout)) if ((component as JsonObject)?.type === 'CHART') refs.push(((component as JsonObject).meta as JsonObject).chartId);
  const m = metadata as Record<string, any>;
  refs.push(...(m.timed_refresh_immune_slices ?? []), ...Object.keys(m.expanded_slices ?? {}), ...Object.keys(m.filter_scopes ?? {}));
  for (const [key, config] of Object.entries<any>(m.chart_configuration ?? {})) refs.push(key, config.id, ...(config.crossFilters?.chartsInScope ?? []), ...(config.crossFilters?.scope?.excluded ?? []));
  refs.push(...(m.global_chart_configuration?.chartsInScope ?? []));
  for (const filter of m.native_filter_configuration ?? []) refs.push(...filter.chartsInScope, ...filter.scope.excluded);
  return refs;
}

describe('remapping properties', () => {
  const dashboards = fc.integer({ min: 1, max: 8 }).map((n) => built(n));

  it('after an import no source id or uuid is left, and every reference is a Rewind chart of the dashboard', () => {
    fc.assert(
      fc.property(dashboards, ({ dashboard, charts }) => {
        const ids = freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]);
        const { layout, metadata } = importDashboard(dashboard, ids);
        const text = JSON.stringify({ layout, metadata });
        for (const chart of charts) {
          expect(text).not.toContain(chart.uuid);
          expect(text).not.toMatch(new RegExp(`\\b${chart.chartId}\\b`));
        }
        expect(text).not.toContain(charts[0].datasetUuid);
        const targets = new Set(ids.charts.values());
        for (const ref of chartRefs(layout, metadata)) expect(targets.has(String(ref))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is consistent: one source chart always becomes the same Rewind chart', () => {
    fc.assert(
      fc.property(dashboards, ({ dashboard, charts }) => {
        const ids = freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]);
        const { metadata } = importDashboard(dashboard, ids);
        for (const chart of charts) {
          const id = ids.charts.get(chart.uuid)!;
          const config = (metadata.chart_configuration as Record<string, JsonObject>)[id];
          expect(config.id).toBe(id);
          expect((config.crossFilters as JsonObject).scope).toEqual({ rootPath: ['ROOT_ID'], excluded: [id] });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('export then import into another org gives the same dashboard, up to the new ids', () => {
    fc.assert(
      fc.property(dashboards, ({ dashboard, charts }) => {
        const orgA = freshIds(charts.map((chart) => chart.uuid), [charts[0].datasetUuid]);
        const inA = importDashboard(dashboard, orgA);
        const exported = remapDashboardRefs(inA.layout, inA.metadata, exportRefMap(assignIntIds(orgA.charts.values())));
        expect(exported.dropped).toEqual([]);
        // Org B knows org A's ids as source uuids.
        const orgB = freshIds([...orgA.charts.values()], [...orgA.datasets.values()]);
        const inB = remapDashboardRefs(exported.layout, exported.metadata, importRefMap(exported.layout, orgB));
        const rename = (value: JsonObject) => {
          let text = JSON.stringify(value);
          for (const [source, a] of orgA.charts) text = text.replaceAll(orgB.charts.get(a)!, source);
          for (const [source, a] of orgA.datasets) text = text.replaceAll(orgB.datasets.get(a)!, source);
          for (const [source, a] of orgA.charts) text = text.replaceAll(a, source);
          for (const [source, a] of orgA.datasets) text = text.replaceAll(a, source);
          return JSON.parse(text);
        };
        expect(rename({ layout: inB.layout, metadata: inB.metadata })).toEqual(rename({ layout: inA.layout, metadata: inA.metadata }));
      }),
      { numRuns: 40 },
    );
  });
});
