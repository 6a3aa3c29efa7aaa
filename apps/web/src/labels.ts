import { useEffect, useState } from 'preact/hooks';
import { listEntities } from './api/history';
import { KINDS, entityLabel, type Entity, type KindInfo } from './kinds';

/** Names of entities by id, learnt from lists, so the timeline says "removed chart Revenue". */
const known = new Map<string, string>();

export function remember(info: KindInfo, entity: Entity): void {
  known.set(entity.id, entityLabel(info, entity as Record<string, unknown>, entity.id));
}

export const labelOf = (id: string) => known.get(id);

/** Names known so far at once; the first page of every kind is loaded again when a screen opens, as names change. */
export function useLabels(): (id: string) => string | undefined {
  const [, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    const pages = KINDS.map((info) => listEntities(info.resource, { limit: 100 }).then((page) => page.items.forEach((entity) => remember(info, entity))));
    Promise.allSettled(pages).then(() => live && setVersion((value) => value + 1));
    return () => {
      live = false;
    };
  }, []);
  return labelOf;
}

export function forgetLabels(): void {
  known.clear();
}
