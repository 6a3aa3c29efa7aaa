import type { JsonObject } from '../../document/json.js';
import type { Operation } from '../../event-store/revision-event.js';

export interface VersionView {
  versionId: string;
  version: number;
  operation: Operation;
  createdAt: string;
  actor: { id: string };
  state: JsonObject;
}
