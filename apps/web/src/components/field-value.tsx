import { fieldLabel } from '../changes/field-labels';
import { stableJson } from '../diff/line-diff';
import { labelOf } from '../labels';

/** Lists of short plain values (owners, tags, chart ids) read better as chips than as JSON. */
const isChipList = (value: unknown): value is (string | number)[] => Array.isArray(value) && value.every((item) => (typeof item === 'string' && item.length <= 60) || typeof item === 'number');

/** Structured and long values are shown as text blocks; the rest inline. */
export const isBlock = (value: unknown) => (typeof value === 'object' && value !== null && !isChipList(value)) || (typeof value === 'string' && (value.length > 80 || value.includes('\n')));

export const asText = (value: unknown) => (typeof value === 'string' ? value : stableJson(value));

export function FieldValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <span class="muted">—</span>;
  if (isChipList(value))
    return (
      <span class="chips">
        {value.map((item) => (
          <span key={item} class="chip" title={String(item)}>
            {labelOf(String(item)) ?? item}
          </span>
        ))}
      </span>
    );
  if (isBlock(value)) return <pre class="code">{asText(value)}</pre>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  return <span class="value">{String(value)}</span>;
}

/** Field names as people say them, with the API name for those who know it. */
export function FieldName({ name }: { name: string }) {
  const label = fieldLabel([name]);
  return (
    <>
      <span class="field-label">{label[0].toUpperCase() + label.slice(1)}</span> <code class="field-key">{name}</code>
    </>
  );
}
