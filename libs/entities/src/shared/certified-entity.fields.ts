import { field } from '#revisions/definition/entity-definition.js';

/** The versioned fields behind `CertifiedEntityDto`, which dashboards and charts share. */
export const certifiedEntityFields = {
  certifiedBy: field.text(),
  certificationDetails: field.text(),
  externalUrl: field.text(),
  // A Superset export field (docs/bundles.md): kept so an import followed by an export loses nothing.
  isManagedExternally: field.boolean(),
};
