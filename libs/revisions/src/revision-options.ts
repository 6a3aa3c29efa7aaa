export interface RevisionEngineOptions {
  /** A full-state snapshot every this many versions bounds the events read to rebuild one. */
  snapshotEvery: number;
}

export const REVISION_OPTIONS = Symbol('REVISION_OPTIONS');

export const DEFAULT_REVISION_OPTIONS: RevisionEngineOptions = { snapshotEvery: 50 };
