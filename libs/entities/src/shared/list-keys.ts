import { isJsonObject, type Json } from '#revisions/document/json.js';

/** The first present string property of an item, else the item itself as text. */
export function firstKey(...properties: string[]) {
  return (item: Json): string => {
    if (typeof item === 'string') return item;
    if (isJsonObject(item)) {
      for (const property of properties) {
        const value = item[property];
        if (typeof value === 'string' && value !== '') return value;
      }
    }
    return JSON.stringify(item);
  };
}

/** Adhoc filters are keyed by their subject (the column), else their id. */
export const filterKey = firstKey('subject', 'filterOptionName', 'id', 'sqlExpression');
/** Metrics are saved-metric names or adhoc metrics keyed by label. */
export const metricKey = firstKey('label', 'metric_name', 'optionName');
/** Dimensions are column names or adhoc columns keyed by label. */
export const dimensionKey = firstKey('label', 'column_name', 'sqlExpression');
