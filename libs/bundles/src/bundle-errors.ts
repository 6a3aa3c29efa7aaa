import { ValidationFailedError } from '#revisions/errors.js';

/** A bundle that cannot be imported: each problem names the file and, where known, the field. */
export class BundleRejectedError extends ValidationFailedError {}

export function rejectBundle(file: string, problem: string): never {
  throw new BundleRejectedError([file ? `${file}: ${problem}` : problem]);
}

/** The archive or what it unpacks to is over the configured bounds (HTTP 413). */
export class BundleTooLargeError extends Error {
  override readonly name = 'BundleTooLargeError';
}
