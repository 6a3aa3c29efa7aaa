import { isJsonObject, type Json, type JsonObject } from '#revisions/document/json.js';
import type { DashboardRefMap } from './dashboard-refs.js';

/** Source uuid → Rewind id, for charts and datasets of the bundle or mapped by earlier imports. */
export interface IdResolver {
  chart(sourceUuid: string): string | undefined;
  dataset(sourceUuid: string): string | undefined;
}

/** The (chartId, uuid) pairs of a Superset `position`: the only key to its integer chart ids. */
export function positionChartPairs(position: JsonObject): Map<number, string> {
  const pairs = new Map<number, string>();
  for (const component of Object.values(position)) {
    if (!isJsonObject(component) || component.type !== 'CHART' || !isJsonObject(component.meta)) continue;
    const { chartId, uuid } = component.meta;
    if (typeof chartId === 'number' && typeof uuid === 'string') pairs.set(chartId, uuid.toLowerCase());
  }
  return pairs;
}

/** Superset → Rewind: integer ids through the position's pairs, uuids through the resolver. */
export function importRefMap(position: JsonObject, ids: IdResolver): DashboardRefMap {
  const pairs = positionChartPairs(position);
  const chartRef = (ref: Json): string | undefined => {
    if (typeof ref === 'number') return pairs.has(ref) ? ids.chart(pairs.get(ref)!) : undefined;
    return typeof ref === 'string' ? ids.chart(ref.toLowerCase()) : undefined;
  };
  return {
    chartRef,
    chartComponent: (meta) => {
      const id = typeof meta.uuid === 'string' ? ids.chart(meta.uuid.toLowerCase()) : chartRef(meta.chartId);
      return id ? { chartId: id, uuid: id } : undefined;
    },
    datasetUuid: (ref) => ids.dataset(ref.toLowerCase()),
  };
}

/** Rewind → Superset: each Rewind chart id gets the integer `intIds` gives it; uuids stay Rewind ids. */
export function exportRefMap(intIds: ReadonlyMap<string, number>): DashboardRefMap {
  const chartRef = (ref: Json): number | undefined => (typeof ref === 'string' ? intIds.get(ref) : undefined);
  return {
    chartRef,
    chartComponent: (meta) => {
      const id = typeof meta.chartId === 'string' ? meta.chartId : undefined;
      const chartId = id === undefined ? undefined : intIds.get(id);
      return chartId === undefined ? undefined : { chartId, uuid: id! };
    },
    datasetUuid: (ref) => ref,
  };
}

/** Integer ids 1…n for the charts of an export, in id order: the same charts always get the same numbers. */
export function assignIntIds(chartIds: Iterable<string>): Map<string, number> {
  return new Map([...new Set(chartIds)].sort().map((id, index) => [id, index + 1]));
}
