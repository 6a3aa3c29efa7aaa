import type { FieldMapping } from '#bundles/superset/superset-mapping.js';

/** Superset's YAML keys of the certification fields dashboards and charts share. */
export const certificationYamlKeys: Record<string, string | FieldMapping> = {
  certified_by: 'certifiedBy',
  certification_details: 'certificationDetails',
};

/** Superset's YAML keys of the external-management fields every kind has. */
export const externalManagementYamlKeys: Record<string, string | FieldMapping> = {
  is_managed_externally: 'isManagedExternally',
  external_url: 'externalUrl',
};
