import { isJsonObject, type Json, type JsonObject } from '#revisions/document/json.js';

/**
 * How the chart and dataset references of one dashboard translate between environments: on import
 * from Superset integer ids (and source uuids) to Rewind ids, on export back to integers.
 * `undefined` means the reference points at nothing in the target and is dropped.
 */
export interface DashboardRefMap {
  /** A chart reference inside `metadata`: an integer id, or a uuid in the example-export format. */
  chartRef(ref: Json): Json | undefined;
  /** The `meta` of a CHART component → its new `chartId` and `uuid`. */
  chartComponent(meta: JsonObject): { chartId: Json; uuid: string } | undefined;
  /** A native filter target's `datasetUuid`. */
  datasetUuid(ref: string): string | undefined;
}

export interface RemappedDashboard {
  layout: JsonObject;
  metadata: JsonObject;
  /** Where a reference pointed at nothing and was dropped (`metadata.expanded_slices.17`). */
  dropped: string[];
}

/**
 * Translates every chart and dataset reference of a dashboard: `position` CHART components,
 * `chart_configuration` keys, ids and scopes, `global_chart_configuration`, native filter scopes,
 * `chartsInScope` and targets, `expanded_slices`, `timed_refresh_immune_slices`, `filter_scopes`
 * and `default_filters`. Pure: the inputs are not modified.
 */
export function remapDashboardRefs(layout: JsonObject, metadata: JsonObject, map: DashboardRefMap): RemappedDashboard {
  const dropped: string[] = [];
  const walk = new RefWalker(map, dropped);
  return { layout: walk.layout(layout), metadata: walk.metadata(structuredClone(metadata)), dropped };
}

class RefWalker {
  constructor(
    private readonly map: DashboardRefMap,
    private readonly dropped: string[],
  ) {}

  layout(layout: JsonObject): JsonObject {
    return Object.fromEntries(
      Object.entries(layout).map(([key, component]) => {
        if (!isJsonObject(component) || component.type !== 'CHART' || !isJsonObject(component.meta)) return [key, structuredClone(component)];
        const target = this.map.chartComponent(component.meta);
        if (!target) this.dropped.push(`position.${key}`);
        const meta = target ? { ...component.meta, chartId: target.chartId, uuid: target.uuid } : component.meta;
        return [key, structuredClone({ ...component, meta })];
      }),
    );
  }

  metadata(metadata: JsonObject): JsonObject {
    if (Array.isArray(metadata.timed_refresh_immune_slices)) metadata.timed_refresh_immune_slices = this.list(metadata.timed_refresh_immune_slices, 'metadata.timed_refresh_immune_slices');
    if (isJsonObject(metadata.expanded_slices)) metadata.expanded_slices = this.keys(metadata.expanded_slices, 'metadata.expanded_slices');
    if (isJsonObject(metadata.filter_scopes)) metadata.filter_scopes = this.filterScopes(metadata.filter_scopes);
    if (typeof metadata.default_filters === 'string') metadata.default_filters = this.defaultFilters(metadata.default_filters);
    if (isJsonObject(metadata.global_chart_configuration)) this.scoped(metadata.global_chart_configuration, 'metadata.global_chart_configuration');
    if (isJsonObject(metadata.chart_configuration)) metadata.chart_configuration = this.chartConfiguration(metadata.chart_configuration);
    for (const name of ['native_filter_configuration', 'chart_customization_config']) {
      const filters = metadata[name];
      if (Array.isArray(filters)) filters.forEach((filter, index) => isJsonObject(filter) && this.nativeFilter(filter, `metadata.${name}.${index}`));
    }
    return metadata;
  }

  /** A reference used as a key (`"17"`): the translated reference, or undefined when dropped. */
  private keyRef(key: string, path: string): Json | undefined {
    const target = this.map.chartRef(/^\d+$/.test(key) ? Number(key) : key);
    if (target === undefined) this.dropped.push(`${path}.${key}`);
    return target;
  }

  private keys(object: JsonObject, path: string): JsonObject {
    const entries = Object.entries(object).flatMap(([key, value]) => {
      const target = this.keyRef(key, path);
      return target === undefined ? [] : [[String(target), value] as const];
    });
    return Object.fromEntries(entries);
  }

  private list(refs: Json[], path: string): Json[] {
    return refs.flatMap((ref, index) => {
      const target = this.map.chartRef(ref);
      if (target === undefined) this.dropped.push(`${path}.${index}`);
      return target === undefined ? [] : [target];
    });
  }

  /** `scope.excluded` and `chartsInScope` of a cross-filter or native filter; a scope may be `"global"`. */
  private scoped(config: JsonObject, path: string): void {
    if (isJsonObject(config.scope) && Array.isArray(config.scope.excluded)) config.scope.excluded = this.list(config.scope.excluded, `${path}.scope.excluded`);
    if (Array.isArray(config.chartsInScope)) config.chartsInScope = this.list(config.chartsInScope, `${path}.chartsInScope`);
  }

  private chartConfiguration(configuration: JsonObject): JsonObject {
    const entries = Object.entries(configuration).flatMap(([key, config]) => {
      const target = this.keyRef(key, 'metadata.chart_configuration');
      if (target === undefined) return [];
      if (isJsonObject(config)) {
        config.id = target;
        if (isJsonObject(config.crossFilters)) this.scoped(config.crossFilters, `metadata.chart_configuration.${key}.crossFilters`);
      }
      return [[String(target), config] as const];
    });
    return Object.fromEntries(entries);
  }

  private nativeFilter(filter: JsonObject, path: string): void {
    this.scoped(filter, path);
    if (!Array.isArray(filter.targets)) return;
    filter.targets.forEach((target, index) => {
      if (!isJsonObject(target) || typeof target.datasetUuid !== 'string') return;
      const dataset = this.map.datasetUuid(target.datasetUuid);
      if (dataset === undefined) this.dropped.push(`${path}.targets.${index}.datasetUuid`);
      target.datasetUuid = dataset ?? null;
      // An integer dataset id is only meaningful in the environment that wrote it.
      delete target.datasetId;
    });
  }

  private filterScopes(scopes: JsonObject): JsonObject {
    const remapped = this.keys(scopes, 'metadata.filter_scopes');
    for (const [key, columns] of Object.entries(remapped)) {
      if (!isJsonObject(columns)) continue;
      for (const [column, scope] of Object.entries(columns)) {
        if (isJsonObject(scope) && Array.isArray(scope.immune)) scope.immune = this.list(scope.immune, `metadata.filter_scopes.${key}.${column}.immune`);
      }
    }
    return remapped;
  }

  /** Legacy `default_filters` is a JSON string keyed by chart id. */
  private defaultFilters(text: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return text;
    }
    return isJsonObject(parsed) ? JSON.stringify(this.keys(parsed, 'metadata.default_filters')) : text;
  }
}
