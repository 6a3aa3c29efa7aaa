import type { ArgumentsHost } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { HttpErrorFilter } from './http-error.filter.js';

/** What the filter answers for `exception`: status and body, through a plain response object. */
function answer(exception: unknown): { status: number; body: { statusCode: number; message: unknown } } {
  const sent = { status: 0, body: undefined as never };
  const response = {
    setHeader: () => response,
    status: (status: number) => ((sent.status = status), response),
    json: (body: never) => ((sent.body = body), response),
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ headers: {} }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return sent;
}

const pgError = (code: string, message = 'from PostgreSQL') => Object.assign(new Error(message), { code });

describe('HttpErrorFilter: PostgreSQL errors as a backstop', () => {
  it.each(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '2200N'])('a data exception (SQLSTATE %s) → 400, never 500, without echoing the value', (code) => {
    const { status, body } = answer(pgError(code, 'invalid input syntax for type timestamp: "secret value"'));
    expect(status).toBe(400);
    expect(JSON.stringify(body)).not.toContain('secret value');
  });

  it.each(['57014', '57P01', '08006'])('a statement timeout or a lost connection (SQLSTATE %s) → 503', (code) => {
    expect(answer(pgError(code)).status).toBe(503);
  });

  it.each(['23505', '42501', 'XX000'])('anything else unknown (SQLSTATE %s) stays a 500: a bug to see, not input to blame', (code) => {
    expect(answer(pgError(code)).status).toBe(500);
  });
});
