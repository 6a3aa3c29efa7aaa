import type { ChangeRule } from '#revisions/change-log/change-rule.js';
import { dimensionKey, filterKey, metricKey } from '../shared/list-keys.js';

/** Chart `params` keys that a UI names; any other key is a plain field change. */
export const chartChangeRules: ChangeRule[] = [
  { path: ['params', 'adhoc_filters'], kind: 'filter', listKey: filterKey },
  { path: ['params', 'metrics'], kind: 'metric', listKey: metricKey },
  { path: ['params', 'metric'], kind: 'metric' },
  { path: ['params', 'percent_metrics'], kind: 'metric', listKey: metricKey },
  { path: ['params', 'time_range'], kind: 'time_range' },
  { path: ['params', 'color_scheme'], kind: 'color_palette' },
  { path: ['params', 'linear_color_scheme'], kind: 'color_palette' },
  { path: ['params', 'groupby'], kind: 'dimension', listKey: dimensionKey },
  { path: ['params', 'columns'], kind: 'dimension', listKey: dimensionKey },
];
