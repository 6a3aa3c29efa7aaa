import { useEffect, useState } from 'preact/hooks';
import { listEntities } from './api/history';
import { KINDS, entityLabel, type Entity, type KindInfo } from './kinds';

/** Names of entities by id, learnt from lists, so the timeline says "removed chart Revenue". */
const known = new Map<string, string>();
let loading: Promise<void> | undefined;

export function remember(info: KindInfo, entity: Entity): void {
  known.set(entity.id, entityLabel(info, entity as Record<string, unknown>, entity.id));
}

export const labelOf = (id: string) => known.get(id);

/** Loads the first page of every kind once per session; re-renders when names arrive. */
export function useLabels(): (id: string) => string | undefined {
  const [, setVersion] = useState(0);
  useEffect(() => {
    loading ??= Promise.all(
      KINDS.map((info) =>
        listEntities(info.resource, { limit: 100 }).then(
          (page) => page.items.forEach((entity) => remember(info, entity)),
          () => undefined,
        ),
      ),
    ).then(() => undefined);
    let live = true;
    loading.then(() => live && setVersion((value) => value + 1));
    return () => {
      live = false;
    };
  }, []);
  return labelOf;
}

export function forgetLabels(): void {
  known.clear();
  loading = undefined;
}
