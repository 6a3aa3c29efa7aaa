import type { Schemas } from '../api/client';
import { fieldLabel, itemLabel } from './field-labels';
import { formatValue, humanize, isEmpty, isLongText, isObject, isQuotable, listDelta } from './format-value';

export type ChangeRecord = Schemas['ChangeRecord'];
export type ChangeKind = ChangeRecord['kind'];

/** A change record as one sentence, with the icon of its kind. */
export interface ChangeWords {
  icon: ChangeKind;
  op: ChangeRecord['op'];
  text: string;
  /** A second line: a filter's condition, a column's changed properties. */
  detail?: string;
}

export interface WordingContext {
  /** A chart's name by id, when the page knows it. */
  chartName?(id: string): string | undefined;
}

type Describe = (record: ChangeRecord, context: WordingContext) => Omit<ChangeWords, 'icon' | 'op'>;

/** One wording per change kind; `Record` makes a new kind a compile error until it has one. */
const WORDINGS: Record<ChangeKind, Describe> = {
  field: describeField,
  time_range: (record) => setting('time range', record),
  color_palette: (record) => setting(fieldLabel(record.path), record),
  filter: describeFilter,
  metric: (record) => keyedItem('metric', record, describeMetric),
  dimension: (record) => keyedItem('dimension', record, (value) => (isObject(value) ? String(value.sqlExpression ?? value.column_name ?? '') : '')),
  column: (record) => keyedItem('column', record, () => ''),
  chart: describeChart,
  layout: describeLayout,
};

export function describeChange(record: ChangeRecord, context: WordingContext = {}): ChangeWords {
  const describe = WORDINGS[record.kind] ?? describeField;
  return { icon: record.kind in WORDINGS ? record.kind : 'field', op: record.op, ...describe(record, context) };
}

/** "changed the title from “A” to “B”", "set the description to …", "cleared the certification". */
function describeField(record: ChangeRecord): Omit<ChangeWords, 'icon' | 'op'> {
  const { path, from, to } = record;
  const label = fieldLabel(path);
  if (path[path.length - 1] === 'published' && typeof to === 'boolean') return { text: to ? 'published it' : 'unpublished it' };
  if (Array.isArray(from) || Array.isArray(to)) {
    const { added, removed } = listDelta(from, to);
    const item = itemLabel(path);
    if (item !== 'item' && added.length + removed.length > 0) {
      return { text: [added.length ? `added ${item} ${added.join(', ')}` : '', removed.length ? `removed ${item} ${removed.join(', ')}` : ''].filter(Boolean).join(' and ') };
    }
  }
  const where = path.length > 1 ? ` in ${fieldLabel(path.slice(0, 1))}` : '';
  if (isLongText(from) || isLongText(to) || !isQuotable(from) || !isQuotable(to)) {
    if (isEmpty(from)) return { text: `set the ${label}${where}` };
    if (isEmpty(to)) return { text: `removed the ${label}${where}` };
    return { text: `edited the ${label}${where}` };
  }
  if (isEmpty(from)) return { text: `set the ${label}${where} to ${formatValue(to)}` };
  if (isEmpty(to)) return { text: `cleared the ${label}${where}`, detail: `was ${formatValue(from)}` };
  return { text: `changed the ${label}${where} from ${formatValue(from)} to ${formatValue(to)}` };
}

/** A single named setting: the time range, the color palette. */
function setting(label: string, { op, from, to }: ChangeRecord): Omit<ChangeWords, 'icon' | 'op'> {
  const quotable = isQuotable(from) && isQuotable(to);
  if (op === 'add' || isEmpty(from)) return { text: quotable ? `set the ${label} to ${plain(to)}` : `set the ${label}` };
  if (op === 'remove' || isEmpty(to)) return { text: `removed the ${label}`, detail: quotable ? `was ${plain(from)}` : undefined };
  return { text: quotable ? `changed the ${label} from ${plain(from)} to ${plain(to)}` : `changed the ${label}` };
}

/** Settings read better unquoted: "from Last week to Last month". */
const plain = (value: unknown) => (typeof value === 'string' ? value : formatValue(value));

function describeFilter(record: ChangeRecord): Omit<ChangeWords, 'icon' | 'op'> {
  const { op, from, to, path } = record;
  const value = to ?? from;
  const name = isObject(value) && typeof value.name === 'string' ? value.name : isObject(value) && typeof value.subject === 'string' ? value.subject : keyOf(path);
  if (path[path.length - 1] === 'default_filters') return { text: 'changed the default filter values' };
  if (op === 'add') return { text: `added filter ${name}`, detail: condition(to) };
  if (op === 'remove') return { text: `removed filter ${name}`, detail: condition(from) };
  const before = condition(from);
  const after = condition(to);
  return { text: `changed filter ${name}`, detail: before && after && before !== after ? `${before} → ${after}` : after };
}

/** `country IN (FR, DE)` from an adhoc filter. */
function condition(filter: unknown): string | undefined {
  if (!isObject(filter)) return undefined;
  if (typeof filter.sqlExpression === 'string' && filter.sqlExpression) return filter.sqlExpression;
  if (typeof filter.subject !== 'string') return undefined;
  const comparator = filter.comparator;
  const values = Array.isArray(comparator) ? `(${comparator.join(', ')})` : isEmpty(comparator) ? '' : String(comparator);
  return [filter.subject, filter.operator, values].filter((part) => typeof part === 'string' && part !== '').join(' ');
}

function describeMetric(value: unknown): string {
  if (!isObject(value)) return '';
  if (typeof value.expression === 'string') return value.expression;
  if (typeof value.sqlExpression === 'string') return value.sqlExpression;
  if (isObject(value.column) && typeof value.aggregate === 'string') return `${value.aggregate}(${value.column.column_name ?? ''})`;
  return '';
}

/** Children keyed by name: columns, metrics, dimensions. Deeper paths name the property that changed. */
function keyedItem(noun: string, record: ChangeRecord, summary: (value: unknown) => string): Omit<ChangeWords, 'icon' | 'op'> {
  const { op, from, to, path } = record;
  const at = keyIndex(record.kind, path);
  const key = path[at] ?? nameOf(to ?? from);
  const property = path.slice(at + 1);
  if (path.length <= at && op === 'change' && isQuotable(from) && isQuotable(to)) return { text: `changed the ${noun} from ${plain(from)} to ${plain(to)}` };
  if (property.length) {
    const label = fieldLabel(property);
    if (isEmpty(from) && isQuotable(to)) return { text: `set the ${label} of ${noun} ${key} to ${formatValue(to)}` };
    if (isEmpty(to)) return { text: `cleared the ${label} of ${noun} ${key}` };
    if (isQuotable(from) && isQuotable(to) && !isLongText(from) && !isLongText(to)) return { text: `changed the ${label} of ${noun} ${key} from ${formatValue(from)} to ${formatValue(to)}` };
    return { text: `changed the ${label} of ${noun} ${key}` };
  }
  if (op === 'add') return { text: `added ${noun} ${key}`, detail: summary(to) || undefined };
  if (op === 'remove') return { text: `removed ${noun} ${key}`, detail: summary(from) || undefined };
  const changed = isObject(from) && isObject(to) ? Object.keys({ ...from, ...to }).filter((name) => JSON.stringify(from[name]) !== JSON.stringify(to[name])) : [];
  return { text: `changed ${noun} ${key}`, detail: changed.length ? `${changed.map((name) => fieldLabel([name])).join(', ')}` : undefined };
}

/** Where the natural key sits: `['columns', KEY, …]`, `['params', 'metrics', KEY, …]`. */
function keyIndex(kind: ChangeKind, path: readonly string[]): number {
  return kind === 'column' || path[0] === 'metrics' ? 1 : 2;
}

/** A single metric or dimension (not in a list) is named by its label. */
function nameOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) return String(value.label ?? value.metric_name ?? value.column_name ?? value.name ?? '');
  return '';
}

const keyOf = (path: readonly string[]) => path[path.length - 1] ?? '';

function describeChart(record: ChangeRecord, context: WordingContext): Omit<ChangeWords, 'icon' | 'op'> {
  const { op, from, to, path } = record;
  if (path[0] === 'layout') {
    const label = chartLabel(chartInLayout(to) ?? chartInLayout(from) ?? {}, context);
    if (op === 'add') return { text: `placed chart ${label} on the layout` };
    if (op === 'remove') return { text: `took chart ${label} off the layout` };
    return { text: layoutMoveText(`chart ${label}`, from, to) };
  }
  const label = chartLabel({ id: keyOf(path) }, context);
  if (op === 'add') return { text: `added chart ${label}` };
  if (op === 'remove') return { text: `removed chart ${label}` };
  return { text: `changed chart ${label}` };
}

function chartLabel(chart: { id?: string; name?: string }, context: WordingContext): string {
  const name = chart.name ?? (chart.id ? context.chartName?.(chart.id) : undefined);
  return name ?? (chart.id ? chart.id.slice(0, 8) : 'unknown');
}

function chartInLayout(component: unknown): { id?: string; name?: string } | undefined {
  if (!isObject(component) || !isObject(component.meta)) return undefined;
  const meta = component.meta;
  const name = [meta.sliceNameOverride, meta.sliceName].find((value) => typeof value === 'string' && value !== '') as string | undefined;
  return { id: meta.chartId === undefined ? undefined : String(meta.chartId), name };
}

const COMPONENTS: Record<string, string> = {
  ROW: 'a row',
  COLUMN: 'a column',
  HEADER: 'a header',
  MARKDOWN: 'a text block',
  TABS: 'a set of tabs',
  TAB: 'a tab',
  DIVIDER: 'a divider',
  GRID: 'the grid',
  ROOT: 'the page root',
  DYNAMIC: 'a component',
};

function describeLayout({ op, from, to, path }: ChangeRecord): Omit<ChangeWords, 'icon' | 'op'> {
  const component = isObject(to) ? to : isObject(from) ? from : undefined;
  const type = typeof component?.type === 'string' ? component.type : '';
  const text = isObject(component?.meta) && typeof component.meta.text === 'string' && component.meta.text ? ` “${component.meta.text}”` : '';
  const what = `${COMPONENTS[type] ?? (type ? `a ${humanize(type)}` : `component ${keyOf(path)}`)}${text}`;
  if (op === 'add') return { text: `added ${what} to the layout` };
  if (op === 'remove') return { text: `removed ${what} from the layout` };
  return { text: layoutMoveText(what, from, to) };
}

/** "moved", "resized" or "changed", from what differs between two layout components. */
function layoutMoveText(what: string, from: unknown, to: unknown): string {
  if (!isObject(from) || !isObject(to)) return `changed ${what} in the layout`;
  const moved = JSON.stringify(from.parents) !== JSON.stringify(to.parents);
  const fromMeta = isObject(from.meta) ? from.meta : {};
  const toMeta = isObject(to.meta) ? to.meta : {};
  const resized = fromMeta.width !== toMeta.width || fromMeta.height !== toMeta.height;
  if (moved) return `moved ${what} in the layout`;
  if (resized) return `resized ${what}`;
  return `changed ${what} in the layout`;
}
