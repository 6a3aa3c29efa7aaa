/** One row of a side-by-side diff: both sides, or one side added or removed. */
export interface DiffRow {
  type: 'same' | 'added' | 'removed' | 'changed';
  left?: string;
  right?: string;
  leftNo?: number;
  rightNo?: number;
}

/** Above this many line pairs the LCS table gets too large for a browser tab: compare line by line. */
const MAX_CELLS = 4_000_000;

/** Side-by-side line diff (longest common subsequence); adjacent removals and additions pair up as changes. */
export function diffLines(before: string, after: string, options: { ignoreTrailingComma?: boolean } = {}): DiffRow[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // In printed JSON a line gains a comma when an item follows it: that alone is no change.
  const key = options.ignoreTrailingComma ? (line: string) => line.replace(/,$/, '') : (line: string) => line;
  const [ka, kb] = [a.map(key), b.map(key)];
  const ops = a.length * b.length > MAX_CELLS ? naiveOps(ka, kb) : lcsOps(ka, kb);
  return pairUp(ops, a, b);
}

type Op = { type: 'same' | 'removed' | 'added'; i: number; j: number };

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ type: 'same', i: i++, j: j++ });
    else if (j < m && (i === n || table[i * width + j + 1] >= table[(i + 1) * width + j])) ops.push({ type: 'added', i, j: j++ });
    else ops.push({ type: 'removed', i: i++, j });
  }
  return ops;
}

function naiveOps(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (k < a.length && k < b.length && a[k] === b[k]) ops.push({ type: 'same', i: k, j: k });
    else {
      if (k < a.length) ops.push({ type: 'removed', i: k, j: k });
      if (k < b.length) ops.push({ type: 'added', i: k, j: k });
    }
  }
  return ops;
}

function pairUp(ops: Op[], a: string[], b: string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (let k = 0; k < ops.length; ) {
    if (ops[k].type === 'same') {
      rows.push({ type: 'same', left: a[ops[k].i], right: b[ops[k].j], leftNo: ops[k].i + 1, rightNo: ops[k].j + 1 });
      k++;
      continue;
    }
    const removed: Op[] = [];
    const added: Op[] = [];
    while (k < ops.length && ops[k].type !== 'same') (ops[k].type === 'removed' ? removed : added).push(ops[k++]);
    for (let p = 0; p < Math.max(removed.length, added.length); p++) {
      const left = removed[p];
      const right = added[p];
      rows.push({
        type: left && right ? 'changed' : left ? 'removed' : 'added',
        left: left ? a[left.i] : undefined,
        leftNo: left ? left.i + 1 : undefined,
        right: right ? b[right.j] : undefined,
        rightNo: right ? right.j + 1 : undefined,
      });
    }
  }
  return rows;
}

/** JSON with sorted keys, two-space indents: equal values print equally, so a line diff is a JSON diff. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
