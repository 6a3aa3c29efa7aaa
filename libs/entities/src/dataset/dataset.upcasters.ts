import { upcast } from '#revisions/schema-evolution/upcaster-steps.js';
import type { Upcaster } from '#revisions/schema-evolution/upcaster.js';

/** How older dataset events read today, oldest first (docs/schema-evolution.md). Never edit a released step. */
export const datasetUpcasters: Upcaster[] = [
  // v1 → v2: the Superset export fields (docs/bundles.md) on the dataset, its columns and its metrics;
  // older versions read as if written with the defaults.
  upcast.combine(
    upcast.addFields({
      currencyCodeColumn: null,
      defaultEndpoint: null,
      offset: null,
      sourceDbEngine: null,
      templateParams: null,
      filterSelectEnabled: false,
      fetchValuesPredicate: null,
      isManagedExternally: false,
      externalUrl: null,
      normalizeColumns: false,
      alwaysFilterMainDttm: false,
      folders: null,
      dataUrl: null,
      dataFile: null,
    }),
    upcast.addItemFields('columns', { isActive: true, pythonDateFormat: null, datetimeFormat: null, advancedDataType: null, extra: null, uuid: null }),
    upcast.addItemFields('metrics', { warningText: null, extra: null, uuid: null }),
  ),
];
