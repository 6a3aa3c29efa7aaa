import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace of Rewind's version ids; never change it, ids are shared with clients. */
const VERSION_NAMESPACE = '6f0f4a2e-3c9b-5d1e-9a7c-2b8e4f1d0c35';

/** Deterministic id of one version of one entity: UUID v5 of (entity id, version). */
export function versionIdOf(entityId: string, version: number): string {
  return uuidv5(`${entityId}:${version}`, VERSION_NAMESPACE);
}
