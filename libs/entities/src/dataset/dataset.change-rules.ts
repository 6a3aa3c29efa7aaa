import type { ChangeRule } from '#revisions/change-log/change-rule.js';

/** One record per added, removed or changed column or metric, keyed by name. */
export const datasetChangeRules: ChangeRule[] = [
  { path: ['columns', '*'], kind: 'column' },
  { path: ['metrics', '*'], kind: 'metric' },
];
