import { fieldLabel } from '../changes/field-labels';
import { stableJson } from '../diff/line-diff';

/** Structured and long values are shown as text blocks; the rest inline. */
export const isBlock = (value: unknown) => (typeof value === 'object' && value !== null) || (typeof value === 'string' && (value.length > 80 || value.includes('\n')));

export const asText = (value: unknown) => (typeof value === 'string' ? value : stableJson(value));

export function FieldValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
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
