import type { ChangeRule } from '#revisions/change-log/change-rule.js';
import { isJsonObject, type Json } from '#revisions/document/json.js';
import { firstKey } from '../shared/list-keys.js';

const isChartComponent = (component: Json) => isJsonObject(component) && component.type === 'CHART';

/** Membership, layout components by id, and the metadata keys a UI names. */
export const dashboardChangeRules: ChangeRule[] = [
  { path: ['chartIds', '*'], kind: 'chart' },
  { path: ['layout', '*'], kind: (from, to) => (isChartComponent(from) || isChartComponent(to) ? 'chart' : 'layout') },
  { path: ['metadata', 'native_filter_configuration'], kind: 'filter', listKey: firstKey('id', 'name') },
  { path: ['metadata', 'default_filters'], kind: 'filter' },
  { path: ['metadata', 'chart_configuration', '*'], kind: 'filter' },
  { path: ['metadata', 'color_scheme'], kind: 'color_palette' },
  { path: ['metadata', 'label_colors'], kind: 'color_palette' },
  { path: ['metadata', 'shared_label_colors'], kind: 'color_palette' },
  { path: ['metadata', 'color_namespace'], kind: 'color_palette' },
  { path: ['metadata', 'time_range'], kind: 'time_range' },
];
