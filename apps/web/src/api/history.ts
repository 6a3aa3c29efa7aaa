import { api, etag, ok, type Schemas } from './client';
import type { Entity, Resource } from '../kinds';

/**
 * The API calls the page makes. The three kinds share one shape for history, so calls are typed
 * with the dashboards path and sent to the chosen resource; entity bodies keep their own kind's type.
 */
const at = <T extends `/api/v1/dashboards${string}`>(template: T, resource: Resource) => template.replace('/api/v1/dashboards', `/api/v1/${resource}`) as T;

export type VersionItem = Schemas['VersionItem'];
export type VersionState = Schemas['VersionState'];
export type VersionDiff = Schemas['VersionDiff'];
export type RestorePreview = Schemas['RestorePreview'];
export type ChangeFeedItem = Schemas['ChangeFeedItem'];
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface EntityFilter {
  q?: string;
  owner?: string;
  tag?: string;
  /** Dashboards only. */
  published?: boolean;
}

export const listEntities = (resource: Resource, query: { limit?: number; cursor?: string } & EntityFilter = {}) =>
  ok(api.GET(at('/api/v1/dashboards', resource), { params: { query } })) as Promise<Page<Entity>>;

export const getEntity = (resource: Resource, id: string) => ok(api.GET(at('/api/v1/dashboards/{id}', resource), { params: { path: { id } } })) as Promise<Entity>;

export const listVersions = (resource: Resource, id: string, query: { limit?: number; cursor?: string } = {}) =>
  ok(api.GET(at('/api/v1/dashboards/{id}/versions', resource), { params: { path: { id }, query } }));

export const getVersion = (resource: Resource, id: string, versionId: string) =>
  ok(api.GET(at('/api/v1/dashboards/{id}/versions/{versionId}', resource), { params: { path: { id, versionId } } }));

export const diffVersions = (resource: Resource, id: string, from: string, to?: string) =>
  ok(api.GET(at('/api/v1/dashboards/{id}/diff', resource), { params: { path: { id }, query: { from, to } } }));

export const previewRestore = (resource: Resource, id: string, versionId: string) =>
  ok(api.POST(at('/api/v1/dashboards/{id}/versions/{versionId}/restore', resource), { params: { path: { id, versionId }, query: { dryRun: true } } })) as Promise<RestorePreview>;

/** Restores `versionId` on top of `headVersionId`; a 412 means someone saved meanwhile. */
export const restoreVersion = (resource: Resource, id: string, versionId: string, headVersionId: string) =>
  ok(api.POST(at('/api/v1/dashboards/{id}/versions/{versionId}/restore', resource), { params: { path: { id, versionId }, header: { 'If-Match': etag(headVersionId) } } })) as Promise<Entity & { warnings?: Schemas['RestoreWarning'][] }>;

export const changeFeed = (query: { entityKind?: 'dashboard' | 'chart' | 'dataset'; kind?: string; since?: string; entityId?: string; actor?: string; limit?: number; cursor?: string }) =>
  ok(api.GET('/api/v1/changes', { params: { query } })) as Promise<Page<ChangeFeedItem>>;

export const devToken = (body: Schemas['DevTokenRequest']) => ok(api.POST('/api/v1/dev/token', { body }));

/** Pins (or relabels) a version: retention never prunes it. */
export const pinVersion = (resource: Resource, id: string, versionId: string, label: string) =>
  ok(api.PUT(at('/api/v1/dashboards/{id}/versions/{versionId}/pin', resource), { params: { path: { id, versionId } }, body: { label } }));

export const unpinVersion = (resource: Resource, id: string, versionId: string) =>
  ok(api.DELETE(at('/api/v1/dashboards/{id}/versions/{versionId}/pin', resource), { params: { path: { id, versionId } } }));

export type TrashItem = Schemas['TrashItem'];

export const listTrash = (query: { entityKind?: 'dashboard' | 'chart' | 'dataset'; limit?: number; cursor?: string }) => ok(api.GET('/api/v1/trash', { params: { query } })) as Promise<Page<TrashItem>>;

/** Admins only, deleted entities only: removes the stream and its history for good. */
export const purgeEntity = (resource: Resource, id: string) => ok(api.DELETE(at('/api/v1/dashboards/{id}/purge', resource), { params: { path: { id } } }));
