import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import type { JsonObject } from '../document/json.js';
import type { EntityHead } from '../projections/entity-head.js';
import { StatementsByKind } from './statements-by-kind.js';
import { toIsoTimestamp } from './timestamps.js';

/** Validated filters of an entity list; `labelPattern` is an ILIKE pattern. */
export interface EntityListFilter {
  owner?: string;
  tag?: string;
  published?: boolean;
  labelPattern?: string;
}

interface HeadRow {
  id: string;
  org_id: string;
  version: number;
  version_id: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  document: JsonObject;
  cached: JsonObject;
}

/** The projection's head rows (one per entity, children included), read and written by kind's statements. */
@Injectable()
export class HeadRows {
  constructor(
    private readonly db: Database,
    private readonly statements: StatementsByKind,
  ) {}

  async loadHead(definition: EntityDefinition, id: string, org: string): Promise<EntityHead | undefined> {
    const [row] = await this.db.query<HeadRow>({ name: `rewind_${definition.kind}_head`, text: this.statements.of(definition).selectHead, values: [id, org] });
    return row && toHead(definition.kind, row);
  }

  /** Live heads of an org, newest first, after the `(createdAt, id)` cursor. */
  async loadPage(definition: EntityDefinition, org: string, after: [string, string] | undefined, limit: number, filter: EntityListFilter = {}): Promise<{ head: EntityHead; cursor: [string, string] }[]> {
    const rows = await this.db.query<HeadRow>({
      name: `rewind_${definition.kind}_page`,
      text: this.statements.of(definition).selectPage,
      values: [org, after?.[0] ?? null, after?.[1] ?? null, limit, filter.owner ?? null, filter.tag ?? null, filter.published ?? null, filter.labelPattern ?? null],
    });
    return rows.map((row) => {
      const head = toHead(definition.kind, row);
      return { head, cursor: [head.createdAt, head.id] };
    });
  }

  /** Cached (unversioned) fields: written in place, no event. */
  async updateCached(definition: EntityDefinition, id: string, org: string, cached: JsonObject): Promise<void> {
    await this.db.query({ name: `rewind_${definition.kind}_cache`, text: this.statements.of(definition).updateCached, values: [id, org, JSON.stringify(cached)] });
  }
}

function toHead(kind: string, row: HeadRow): EntityHead {
  return {
    kind,
    id: row.id,
    orgId: row.org_id,
    version: row.version,
    versionId: row.version_id,
    createdAt: toIsoTimestamp(row.created_at)!,
    createdBy: row.created_by,
    updatedAt: toIsoTimestamp(row.updated_at)!,
    updatedBy: row.updated_by,
    deletedAt: toIsoTimestamp(row.deleted_at),
    document: row.document,
    cached: row.cached,
  };
}
