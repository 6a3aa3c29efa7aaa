import type { JsonObject } from '../document/json.js';

/** The live state of one entity: what the projection row holds and what folding its stream gives. */
export interface EntityHead {
  kind: string;
  id: string;
  orgId: string;
  version: number;
  versionId: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
  document: JsonObject;
  /** Fields outside the stream (a chart's query context); a rebuild leaves them empty. */
  cached: JsonObject;
}

/** Response shape of an entity: audit fields, owners, tags, versioned fields and cached fields. */
export type EntityView = JsonObject & {
  id: string;
  version: number;
  versionId: string;
};
