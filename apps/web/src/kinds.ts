import type { Schemas } from './api/client';

export type Resource = 'dashboards' | 'charts' | 'datasets';
export type EntityKind = 'dashboard' | 'chart' | 'dataset';
export type Entity = Schemas['Dashboard'] | Schemas['Chart'] | Schemas['Dataset'];

export interface KindInfo {
  resource: Resource;
  kind: EntityKind;
  singular: string;
  plural: string;
  /** The field people know an entity by. */
  labelField: 'title' | 'name' | 'tableName';
}

export const KINDS: readonly KindInfo[] = [
  { resource: 'dashboards', kind: 'dashboard', singular: 'dashboard', plural: 'Dashboards', labelField: 'title' },
  { resource: 'charts', kind: 'chart', singular: 'chart', plural: 'Charts', labelField: 'name' },
  { resource: 'datasets', kind: 'dataset', singular: 'dataset', plural: 'Datasets', labelField: 'tableName' },
];

export const byResource = (resource: string): KindInfo | undefined => KINDS.find((info) => info.resource === resource);
export const byKind = (kind: string): KindInfo | undefined => KINDS.find((info) => info.kind === kind);

/** What a person calls the entity: its title, name or table name, else a short id. */
export function entityLabel(info: KindInfo, state: Record<string, unknown> | undefined, id: string): string {
  const value = state?.[info.labelField];
  return typeof value === 'string' && value.trim() ? value : `${info.singular} ${id.slice(0, 8)}`;
}
