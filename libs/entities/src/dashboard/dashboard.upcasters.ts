import { upcast } from '#revisions/schema-evolution/upcaster-steps.js';
import type { Upcaster } from '#revisions/schema-evolution/upcaster.js';

/** How older dashboard events read today, oldest first (docs/schema-evolution.md). Never edit a released step. */
export const dashboardUpcasters: Upcaster[] = [
  // v1 → v2: the Superset export fields (docs/bundles.md); older versions read as if written with the defaults.
  upcast.addFields({ isManagedExternally: false, themeId: null, roles: [] }),
];
