import { isJsonObject, type JsonObject } from '#revisions/document/json.js';
import { rejectBundle } from '../bundle-errors.js';
import { parseBundleYaml } from '../yaml/bundle-yaml.js';
import { readZipEntries } from '../zip/read-zip-entries.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../zip/zip-limits.js';
import { readEntityYaml, type EntityFromYaml } from './entity-yaml.js';
import type { SupersetMapping } from './superset-mapping.js';

export interface DatabaseFromYaml {
  file: string;
  sourceUuid: string;
  name: string;
  yaml: JsonObject;
}

/** The event lines of one stream of a history bundle (`history/<folder>/<uuid>.jsonl`). */
export interface HistoryFile {
  file: string;
  folder: string;
  sourceUuid: string;
  events: JsonObject[];
}

export interface SupersetBundle {
  databases: DatabaseFromYaml[];
  /** Entities per kind, in the mappings' order. */
  entities: Map<string, EntityFromYaml[]>;
  history: HistoryFile[];
  warnings: string[];
}

const TOP_LEVEL = new Set(['metadata.yaml', 'databases', 'datasets', 'charts', 'dashboards', 'history']);

/** Reads and checks a whole bundle; nothing is written, any problem is a refusal naming the file. */
export async function readSupersetBundle(archive: Buffer, mappings: SupersetMapping[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SupersetBundle> {
  const bundle: SupersetBundle = { databases: [], entities: new Map(mappings.map((mapping) => [mapping.kind, []])), history: [], warnings: [] };
  const byFolder = new Map<string, SupersetMapping>(mappings.map((mapping) => [mapping.folder, mapping]));
  const seen = new Map<string, string>();
  let metadata = false;
  for await (const { name, text } of readZipEntries(archive, limits)) {
    const path = withoutRoot(name);
    const [top] = path.split('/');
    const unique = (kind: string, uuid: string) => {
      const other = seen.get(`${kind}:${uuid}`);
      if (other) rejectBundle(path, `uuid ${uuid} is also used by ${other}`);
      seen.set(`${kind}:${uuid}`, path);
    };
    if (path === 'metadata.yaml') {
      metadata = true;
      parseBundleYaml(path, text);
    } else if (top === 'databases' && isYaml(path)) {
      const database = readDatabase(path, parseBundleYaml(path, text));
      unique('database', database.sourceUuid);
      bundle.databases.push(database);
    } else if (top === 'history' && path.endsWith('.jsonl')) {
      bundle.history.push(readHistory(path, text));
    } else if (byFolder.has(top) && isYaml(path)) {
      const mapping = byFolder.get(top)!;
      const entity = readEntityYaml(mapping, path, parseBundleYaml(path, text));
      unique(mapping.kind, entity.sourceUuid);
      bundle.entities.get(mapping.kind)!.push(entity);
    } else {
      bundle.warnings.push(`${path}: not part of a Superset bundle; ignored`);
    }
  }
  if (!metadata) rejectBundle('metadata.yaml', 'missing: this is not a Superset export');
  return bundle;
}

/** Superset puts everything under one folder named for the export; Rewind accepts it with or without. */
function withoutRoot(name: string): string {
  const [first, ...rest] = name.split('/');
  return TOP_LEVEL.has(first) || rest.length === 0 ? name : rest.join('/');
}

const isYaml = (path: string) => path.endsWith('.yaml') || path.endsWith('.yml');

function readDatabase(file: string, yaml: JsonObject): DatabaseFromYaml {
  if (typeof yaml.uuid !== 'string') rejectBundle(file, 'uuid is required');
  if (typeof yaml.database_name !== 'string' || !yaml.database_name) rejectBundle(file, 'database_name is required');
  return { file, sourceUuid: yaml.uuid.toLowerCase(), name: yaml.database_name, yaml };
}

function readHistory(file: string, text: string): HistoryFile {
  const match = /^history\/([a-z]+)\/([0-9a-f-]{36})\.jsonl$/i.exec(file);
  if (!match) rejectBundle(file, 'history files are named history/<folder>/<uuid>.jsonl');
  const events = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      let event: unknown;
      try {
        event = JSON.parse(line);
      } catch {
        rejectBundle(file, `line ${index + 1} is not JSON`);
      }
      if (!isJsonObject(event)) rejectBundle(file, `line ${index + 1} must be a JSON object`);
      return event;
    });
  return { file, folder: match[1], sourceUuid: match[2].toLowerCase(), events };
}
