import type { SupersetMapping } from '#bundles/superset/superset-mapping.js';
import { chartSuperset } from './chart/chart.superset.js';
import { dashboardSuperset } from './dashboard/dashboard.superset.js';
import { datasetSuperset } from './dataset/dataset.superset.js';

/** Superset YAML of each kind, in import order: a kind's references come before it. */
export const supersetMappings: SupersetMapping[] = [datasetSuperset, chartSuperset, dashboardSuperset];
