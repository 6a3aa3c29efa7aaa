/** PostgreSQL error codes the engine reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';

export interface PgError extends Error {
  code?: string;
  constraint?: string;
}

export function isUniqueViolation(error: unknown, constraint?: string): error is PgError {
  const pgError = error as PgError;
  return pgError?.code === PG_UNIQUE_VIOLATION && (!constraint || pgError.constraint === constraint);
}

/**
 * PostgreSQL refused a value (SQLSTATE class 22, "data exception": out of range, malformed, NUL in
 * text…). Input is validated before it gets there; this is the backstop that makes any value the
 * checks missed a 400, never a 500.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as PgError)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * The server is gone or refuses work for now (connection refused or reset, shutdown, too many
 * connections, recovery, a statement past its timeout): the request may succeed later, so the HTTP edge answers 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as PgError)?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57014', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test((error as Error)?.message ?? '')
  );
}
