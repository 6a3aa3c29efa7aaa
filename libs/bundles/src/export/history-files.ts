import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import type { SupersetMapping } from '../superset/superset-mapping.js';
import type { BundleFile } from './bundle-files.js';

/**
 * One JSON line per retained event: what the event did, who did it, when, and why. Ids inside are
 * the exporting org's; an import into another org replaces them all (docs/bundles.md).
 */
export function historyFile(mapping: SupersetMapping, id: string, events: readonly RevisionEvent[]): BundleFile {
  const lines = events.map((event) =>
    JSON.stringify({
      version: event.version,
      type: event.type,
      data: event.data,
      actor: event.metadata.actor,
      recordedAt: event.recordedAt,
      // Events are read in the current shape; an importer on a newer schema lifts them from here.
      schemaVersion: event.schemaVersion,
      ...(event.metadata.message && { message: event.metadata.message }),
      ...(event.metadata.restoredFrom && { restoredFrom: { version: event.metadata.restoredFrom.version } }),
    }),
  );
  return { name: `history/${mapping.folder}/${id}.jsonl`, text: `${lines.join('\n')}\n` };
}
