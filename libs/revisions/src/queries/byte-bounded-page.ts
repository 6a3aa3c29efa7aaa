import { encodeCursor, toPage, type Page } from './page.js';

/**
 * A page of history (versions, the change feed, a diff's records) stops before the item that would
 * take it past this many bytes of JSON; its first item always shows, and `nextCursor` goes on after
 * the last item shown. So one huge version cannot make a page of megabytes, whatever `limit` says.
 */
export const MAX_PAGE_BYTES = 1024 * 1024;

/**
 * Wraps `pageSql` (rows with an `item` JSON column, already limited to limit + 1, in `order`) so
 * that PostgreSQL builds the page's JSON and keeps items while the running total of their sizes stays
 * within `bytesParam` bytes: one value to parse, and `cut` says how many items the bound left out.
 */
export function byteBoundedPageSql(pageSql: string, order: string, bytesParam: string): string {
  return `
  with page as (${pageSql}),
  sized as (
    select page.*, row_number() over running as n, sum(octet_length(item::text)) over running as bytes
    from page window running as (order by ${order} rows between unbounded preceding and current row))
  select coalesce(json_agg(item order by ${order}) filter (where n = 1 or bytes <= ${bytesParam}), '[]'::json) as items,
         count(*) filter (where n > 1 and bytes > ${bytesParam})::int as cut
  from sized`;
}

/** The page from `byteBoundedPageSql`'s row: cut short by its size, the next page starts after the last item shown. */
export function toByteBoundedPage<Row, T>({ items, cut }: { items: Row[]; cut: number }, limit: number, map: (row: Row) => T, cursorOf: (row: Row) => (string | number)[]): Page<T> {
  if (cut > 0) return { items: items.map(map), nextCursor: encodeCursor(cursorOf(items[items.length - 1])) };
  return toPage(items, limit, map, cursorOf);
}

/** How many of `items`, from the first, fit in `maxBytes` of JSON by the same rule (at least one). */
export function countWithinBytes(items: readonly unknown[], maxBytes = MAX_PAGE_BYTES): number {
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(items[i]));
    if (i > 0 && bytes > maxBytes) return i;
  }
  return items.length;
}
