import type { JsonObject } from '#revisions/document/json.js';
import type { VersionSummary } from '../list-versions/version-summary.js';

/** A version item (changes, message, restoredFrom, pin) with the full state at that version. */
export type VersionView = VersionSummary & { state: JsonObject };
