import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import type { Operation, RestoredFrom } from '#revisions/event-store/revision-event.js';
import type { Pin } from '#revisions/pins/pin.js';

export interface VersionSummary {
  versionId: string;
  version: number;
  operation: Operation;
  createdAt: string;
  actor: { id: string };
  /** The writer's `Revision-Message`, or null. */
  message: string | null;
  restoredFrom?: RestoredFrom;
  /** Set when the version is pinned: retention never prunes it. */
  pin: Pin | null;
  changes: ChangeRecord[];
}
