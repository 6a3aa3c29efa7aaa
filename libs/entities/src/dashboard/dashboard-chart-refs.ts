import { isJsonObject, type Json, type JsonObject } from '#revisions/document/json.js';

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

/** The membership without the given charts. */
export function dropChartIds(document: JsonObject, dead: ReadonlySet<string>): JsonObject {
  const chartIds = Object.fromEntries(Object.entries(document.chartIds as JsonObject).filter(([id]) => !dead.has(id)));
  return { ...document, chartIds };
}

/** The layout without CHART components of the given charts, and without links to those components. */
export function dropLayoutCharts(document: JsonObject, dead: ReadonlySet<string>): JsonObject {
  const layout = document.layout as JsonObject;
  const gone = new Set(
    Object.entries(layout)
      .filter(([, component]) => layoutChartIds({ component }).some((id) => dead.has(id)))
      .map(([key]) => key),
  );
  const kept = Object.entries(layout)
    .filter(([key]) => !gone.has(key))
    .map(([key, component]) => {
      if (!isJsonObject(component) || !Array.isArray(component.children)) return [key, component];
      return [key, { ...component, children: component.children.filter((child) => !(typeof child === 'string' && gone.has(child))) }];
    });
  return { ...document, layout: Object.fromEntries(kept) };
}
