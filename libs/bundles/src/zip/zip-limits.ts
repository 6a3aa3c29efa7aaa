/** Bounds that keep a hostile archive (zip bomb, millions of entries) from costing more than a refusal. */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  maxEntryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
};
