import type { VersionItem } from '../api/history';
import { Icon } from './icons';

const VERBS: Record<string, string> = {
  create: 'created it',
  update: 'edited',
  delete: 'moved it to the trash',
  restore: 'restored',
  baseline: 'history before this was compacted',
  import: 'imported',
};

/** "alice edited", "bob restored version 2". */
export function operationText(version: Pick<VersionItem, 'operation' | 'restoredFrom'>): string {
  if (version.operation === 'restore' && version.restoredFrom) return `restored version ${version.restoredFrom.version}`;
  return VERBS[version.operation] ?? version.operation;
}

export function OperationIcon({ operation }: { operation: string }) {
  return (
    <span class={`op-icon op-${operation}`} aria-hidden="true">
      <Icon name={VERBS[operation] ? operation : 'update'} size={16} />
    </span>
  );
}
