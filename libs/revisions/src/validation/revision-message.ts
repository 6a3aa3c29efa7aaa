import { ValidationFailedError } from '../errors.js';
import { unstorableValues } from './storable-json.js';

export const MAX_MESSAGE_LENGTH = 500;

/**
 * A save's message as it is stored: trimmed, blank means none. Anything but a storable string of
 * at most 500 characters is a 400 before anything is written.
 */
export function revisionMessage(message: unknown, name = 'message'): string | undefined {
  if (message === undefined || message === null) return undefined;
  if (typeof message !== 'string') throw new ValidationFailedError([`${name} must be a string`]);
  const trimmed = message.trim();
  if (trimmed === '') return undefined;
  if ([...trimmed].length > MAX_MESSAGE_LENGTH) throw new ValidationFailedError([`${name} must be at most ${MAX_MESSAGE_LENGTH} characters`]);
  if (unstorableValues(trimmed).length || /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(trimmed)) {
    throw new ValidationFailedError([`${name} holds characters that cannot be stored (control characters, NUL or a lone surrogate)`]);
  }
  return trimmed;
}
