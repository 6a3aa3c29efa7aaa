import { useState } from 'preact/hooks';
import { diffLines, type DiffRow } from '../diff/line-diff';

/** Unchanged lines kept around each change; longer unchanged runs fold away. */
const CONTEXT = 3;

type Block = { rows: DiffRow[] } | { folded: DiffRow[] };

/** Two texts side by side, line by line, with what was removed on the left and added on the right. */
export function SideBySide({ before, after, label, json = false }: { before: string; after: string; label: string; json?: boolean }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const blocks = fold(diffLines(before, after, { ignoreTrailingComma: json }));
  return (
    <div class="sbs" role="table" aria-label={label}>
      <div role="rowgroup" class="visually-hidden">
        <div role="row">
          <span role="columnheader">Before</span>
          <span role="columnheader">After</span>
        </div>
      </div>
      <div role="rowgroup">
        {blocks.map((block, index) =>
          'rows' in block || open.has(index) ? (
            ('rows' in block ? block.rows : block.folded).map((row) => <Row row={row} />)
          ) : (
            <div role="row" class="sbs-fold">
              <span role="cell">
                <button type="button" class="link-button" onClick={() => setOpen(new Set([...open, index]))}>
                  Show {block.folded.length} unchanged lines
                </button>
              </span>
            </div>
          ),
        )}
      </div>
    </div>
  );
}

function Row({ row }: { row: DiffRow }) {
  return (
    <div role="row" class={`sbs-row sbs-${row.type}`}>
      <span role="cell" class="sbs-cell sbs-left">
        <span class="sbs-no" aria-hidden="true">
          {row.leftNo ?? ''}
        </span>
        <code>{row.left ?? ''}</code>
        {(row.type === 'removed' || row.type === 'changed') && <span class="visually-hidden"> (removed)</span>}
      </span>
      <span role="cell" class="sbs-cell sbs-right">
        <span class="sbs-no" aria-hidden="true">
          {row.rightNo ?? ''}
        </span>
        <code>{row.right ?? ''}</code>
        {(row.type === 'added' || row.type === 'changed') && <span class="visually-hidden"> (added)</span>}
      </span>
    </div>
  );
}

/** Splits long unchanged runs into context rows and a folded middle. */
function fold(rows: DiffRow[]): Block[] {
  const blocks: Block[] = [];
  let shown: DiffRow[] = [];
  for (let i = 0; i < rows.length; ) {
    if (rows[i].type !== 'same') {
      shown.push(rows[i++]);
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end].type === 'same') end++;
    const keepBefore = i === 0 ? 0 : CONTEXT;
    const keepAfter = end === rows.length ? 0 : CONTEXT;
    if (end - i > keepBefore + keepAfter + 2) {
      shown.push(...rows.slice(i, i + keepBefore));
      blocks.push({ rows: shown }, { folded: rows.slice(i + keepBefore, end - keepAfter) });
      shown = rows.slice(end - keepAfter, end);
    } else shown.push(...rows.slice(i, end));
    i = end;
  }
  if (shown.length) blocks.push({ rows: shown });
  return blocks;
}
