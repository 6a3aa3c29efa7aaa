import { yieldToEventLoop } from './large-json.js';

/** Containers this deep or less are written piece by piece, so values shared below them are found. */
const SHARED_DEPTH = 4;
/** Characters serialised between two turns of the event loop, when the caller paces the work. */
const CHARS_PER_TURN = 512 * 1024;

/**
 * The JSON texts of one save. An append serialises the event's changes, the change records and the
 * projection delta, and a big edit puts the same value in all three (a 50,000-item list is the
 * change's `to`, the record's `to` and the field's new value). Each object or array is serialised
 * once and its text reused by identity; `alias` marks a deep copy as having its original's text.
 * Output equals `JSON.stringify` for JSON values (tested).
 */
export class JsonTexts {
  private readonly texts = new Map<object, string>();
  private readonly aliases = new Map<object, object>();
  private written = 0;

  /** `copy` is a deep copy of `original` (same keys in the same order): it gets the same text. */
  alias(copy: unknown, original: unknown): void {
    if (isContainer(copy) && isContainer(original) && copy !== original) this.aliases.set(copy, original);
  }

  stringify(value: unknown): string {
    return this.write(value, 0) ?? 'null';
  }

  /** Gives the event loop back once enough text has been written since the last turn. */
  async pace(): Promise<void> {
    if (this.written < CHARS_PER_TURN) return;
    this.written = 0;
    await yieldToEventLoop();
  }

  private write(value: unknown, depth: number): string | undefined {
    if (!isContainer(value)) return JSON.stringify(value);
    const key = this.aliases.get(value) ?? value;
    let text = this.texts.get(key);
    if (text === undefined) {
      if (depth < SHARED_DEPTH && isPlain(value) && holdsContainers(value)) text = this.compose(value, depth);
      else {
        text = JSON.stringify(value);
        this.written += text.length;
      }
      this.texts.set(key, text);
    }
    return text;
  }

  /** JSON.stringify's rules for one level: undefined and functions vanish from objects and become null in arrays. */
  private compose(value: object, depth: number): string {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(this.write(value[i], depth + 1) ?? 'null');
      return `[${items.join(',')}]`;
    }
    const parts: string[] = [];
    for (const [name, item] of Object.entries(value)) {
      const text = this.write(item, depth + 1);
      if (text !== undefined) parts.push(`${JSON.stringify(name)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Arrays and plain objects without `toJSON`: anything else is left to JSON.stringify whole. */
function isPlain(value: object): boolean {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/** A list of 50,000 strings holds nothing to share: JSON.stringify writes it whole, faster than piece by piece. */
function holdsContainers(value: object): boolean {
  if (Array.isArray(value)) return value.some(isContainer);
  for (const key in value) if (Object.hasOwn(value, key) && isContainer((value as Record<string, unknown>)[key])) return true;
  return false;
}
