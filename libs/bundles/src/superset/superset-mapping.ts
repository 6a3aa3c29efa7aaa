import type { Json, JsonObject } from '#revisions/document/json.js';

/** How one key of a Superset YAML file maps onto a field of a Rewind definition. */
export interface FieldMapping {
  field: string;
  /** YAML value → definition value (a JSON string → an object); identity when absent. */
  read?(value: Json): Json;
  /** Definition value → YAML value; identity when absent. */
  write?(value: Json): Json;
  /**
   * Left out of the YAML when empty (null or []): keys newer Superset versions added, which older
   * ones refuse as unknown, and `data`, which Superset checks as a URL when present.
   */
  optional?: boolean;
}

/** A YAML list of children (dataset `columns`) ↔ a keyed collection of the definition. */
export interface CollectionMapping {
  field: string;
  /** YAML key → item field; the natural key included (`column_name` → `columnName`). */
  items: Record<string, string | FieldMapping>;
}

/** Another bundle entity named by uuid (`dataset_uuid`); the definition field holds its Rewind id or name. */
export interface ReferenceMapping {
  kind: 'database' | 'dataset' | 'chart';
  field: string;
}

/**
 * Everything the bundle module needs to know about one kind's Superset YAML. It lives beside the
 * kind's definition, so a kind is still "one definition"; the bundle module knows the format in general.
 */
export interface SupersetMapping {
  kind: string;
  /** Folder of the bundle holding this kind's files. */
  folder: 'dashboards' | 'charts' | 'datasets';
  /** `type` in metadata.yaml when the bundle exports this kind. */
  metadataType: string;
  /** Base name of the exported file (without `.yaml`). */
  fileName(document: JsonObject): string;
  /** YAML key → definition field, in the order Superset writes them. */
  fields: Record<string, string | FieldMapping>;
  collections?: Record<string, CollectionMapping>;
  /** Unversioned fields (a chart's `query_context`). */
  cached?: Record<string, string | FieldMapping>;
  references?: Record<string, ReferenceMapping>;
  /** Dashboards: the fields whose chart ids are remapped, and the chart membership derived from them. */
  layout?: { position: string; metadata: string; membership: string };
}

/** Keys every Superset file has that no definition field holds: the bundle module handles them. */
export const ENVELOPE_KEYS = ['uuid', 'version'];

export function fieldOf(mapping: string | FieldMapping): FieldMapping {
  return typeof mapping === 'string' ? { field: mapping } : mapping;
}

/** Shared codecs for values Superset writes in more than one shape over its versions. */
export const codecs = {
  /** Older exports wrote some objects as JSON strings, and empty ones as `""`. */
  jsonObject: (value: Json): Json => {
    if (typeof value !== 'string') return value;
    if (value.trim() === '') return null;
    try {
      return JSON.parse(value) as Json;
    } catch {
      return value;
    }
  },
  /** Superset writes an empty object as `null`. */
  emptyAsNull: (value: Json): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? null : value),
  /** `query_context` is a JSON string in the YAML and an object in Rewind. */
  jsonText: (value: Json): Json => (value === null ? null : JSON.stringify(value)),
};

/** A file-name-safe form of a title, as Superset's exporter makes them. */
export function safeFileName(name: string, id: string): string {
  const base = name.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'untitled';
  return `${base}_${id.slice(0, 8)}`;
}

/** Injection token of the kinds' Superset mappings, in import order. */
export const SUPERSET_MAPPINGS = Symbol('SUPERSET_MAPPINGS');
