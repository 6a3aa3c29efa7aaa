import { safeFileName, type SupersetMapping } from '#bundles/superset/superset-mapping.js';
import { certificationYamlKeys, externalManagementYamlKeys } from '../shared/certified-entity.superset.js';

/** Superset's dashboard YAML (ImportV1DashboardSchema) ↔ the dashboard definition. */
export const dashboardSuperset: SupersetMapping = {
  kind: 'dashboard',
  folder: 'dashboards',
  metadataType: 'Dashboard',
  fileName: (document) => safeFileName(String(document.title ?? ''), String(document.id ?? '')),
  fields: {
    dashboard_title: 'title',
    description: 'description',
    css: 'css',
    slug: 'slug',
    ...certificationYamlKeys,
    published: 'published',
    position: 'layout',
    metadata: 'metadata',
    ...externalManagementYamlKeys,
    theme_id: { field: 'themeId', optional: true },
    roles: { field: 'roles', optional: true },
    tags: { field: 'tags', optional: true },
  },
  layout: { position: 'layout', metadata: 'metadata', membership: 'chartIds' },
};
