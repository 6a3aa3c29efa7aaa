import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { chartDefinition } from './chart/chart.definition.js';
import { dashboardDefinition } from './dashboard/dashboard.definition.js';
import { datasetDefinition } from './dataset/dataset.definition.js';

/** The kinds Rewind serves. A new kind is one definition here plus its projection migration. */
export const entityDefinitions: EntityDefinition[] = [dashboardDefinition, chartDefinition, datasetDefinition];
