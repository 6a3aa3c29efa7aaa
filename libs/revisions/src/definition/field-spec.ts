import type { Json } from '../document/json.js';

export type FieldType = 'text' | 'boolean' | 'integer' | 'uuid' | 'json' | 'text[]';

export interface FieldSpec {
  type: FieldType;
  /** Projection column (snake_case of the field name unless given). */
  column: string;
  /** A create or full save without the field stores this. */
  defaultValue: Json;
  /** A required field may never be blank. */
  required: boolean;
  /** Brought back by a restore. Owners and tags are versioned but never restored. */
  restorable: boolean;
}

type FieldOptions = Partial<Pick<FieldSpec, 'column' | 'required' | 'restorable' | 'defaultValue'>>;

const make = (type: FieldType, defaultValue: Json) => (options: FieldOptions = {}): Omit<FieldSpec, 'column'> & { column?: string } => ({
  type,
  defaultValue,
  required: false,
  restorable: true,
  ...options,
});

/** Field builders used by entity definitions. */
export const field = {
  text: make('text', null),
  uuid: make('uuid', null),
  integer: make('integer', null),
  boolean: make('boolean', false),
  json: make('json', {}),
  textList: make('text[]', []),
};

export type FieldInput = ReturnType<ReturnType<typeof make>>;

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** SQL type used to cast a projected value. */
export function sqlType(type: FieldType): string {
  return type === 'json' ? 'jsonb' : type;
}
