import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import type { Operation, RestoredFrom } from '#revisions/event-store/revision-event.js';

export interface VersionSummary {
  versionId: string;
  version: number;
  operation: Operation;
  createdAt: string;
  actor: { id: string };
  /** The writer's `Revision-Message`, or null. */
  message: string | null;
  restoredFrom?: RestoredFrom;
  changes: ChangeRecord[];
}
