import { describe, expect, it } from 'vitest';
import { canReadHistory, canWrite, readClaims, type Session } from './session';

const base64url = (value: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const token = (claims: object) => `${base64url({ alg: 'HS256' })}.${base64url(claims)}.signature`;
const session = (...roles: string[]): Session => ({ token: 't', user: 'u', org: 'o', roles, expiresAt: null });

describe('session', () => {
  it("reads a token's claims for display, any UTF-8 included", () => {
    expect(readClaims(token({ sub: 'zoë', org: 'acme', roles: ['editor'], exp: 1 }))).toEqual({ sub: 'zoë', org: 'acme', roles: ['editor'], exp: 1 });
  });
  it('refuses what is not a JWT naming a user and an org', () => {
    expect(() => readClaims('not-a-token')).toThrow();
    expect(() => readClaims(token({ org: 'acme' }))).toThrow(/user or org/);
  });
  it('hides history from guests and writes from viewers', () => {
    expect(canReadHistory(session('guest'))).toBe(false);
    expect(canReadHistory(session('viewer'))).toBe(true);
    expect(canWrite(session('viewer'))).toBe(false);
    expect(canWrite(session('editor'))).toBe(true);
  });
});
