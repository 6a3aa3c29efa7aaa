import { isJsonObject, type Json, type JsonObject } from '../../../revisions/src/document/json.js';

/** Chart ids named by CHART components of a layout (`meta.chartId`). */
export function layoutChartIds(layout: Json): string[] {
  if (!isJsonObject(layout)) return [];
  return Object.values(layout).flatMap((component) => {
    if (!isJsonObject(component) || component.type !== 'CHART' || !isJsonObject(component.meta)) return [];
    const chartId = component.meta.chartId;
    return typeof chartId === 'string' ? [chartId] : [];
  });
}

/** Chart ids named by dashboard metadata: `chart_configuration` keys and every `chartsInScope` / `chartId`. */
export function metadataChartIds(metadata: Json): string[] {
  if (!isJsonObject(metadata)) return [];
  const ids = isJsonObject(metadata.chart_configuration) ? Object.keys(metadata.chart_configuration) : [];
  collect(metadata, ids);
  return ids;
}

function collect(value: Json, ids: string[]): void {
  if (Array.isArray(value)) return value.forEach((item) => collect(item, ids));
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value as JsonObject)) {
    if (key === 'chartsInScope' && Array.isArray(child)) ids.push(...child.filter((id): id is string => typeof id === 'string'));
    else if (key === 'chartId' && typeof child === 'string') ids.push(child);
    else collect(child, ids);
  }
}
