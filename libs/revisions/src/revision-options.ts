export interface RetentionPolicy {
  /** Versions recorded longer ago than this are pruned; 0 disables the age rule. */
  days: number;
  /** Keep at most this many versions per entity; 0 = no cap. */
  maxVersions: number;
  /** Deleted entities stay in the trash this many days, then the job purges them; 0 or absent = never. */
  trashDays?: number;
}

export interface RevisionEngineOptions {
  /** A full-state snapshot every this many versions bounds the events read to rebuild one. */
  snapshotEvery: number;
  retention: RetentionPolicy;
  /** Bound of the write-side head cache, in bytes of the heads' JSON. */
  headCacheBytes: number;
}

export const REVISION_OPTIONS = Symbol('REVISION_OPTIONS');

export const DEFAULT_REVISION_OPTIONS: RevisionEngineOptions = { snapshotEvery: 50, retention: { days: 30, maxVersions: 0, trashDays: 30 }, headCacheBytes: 32 * 1024 * 1024 };
