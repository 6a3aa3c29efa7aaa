import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '#revisions/actor.js';
import { VerifiedTokens } from './verified-tokens.js';

const actor: Actor = { id: 'alice', org: 'acme', roles: ['editor'] };
const token = (expiresIn: number) => jwt.sign({ org: 'acme', roles: ['editor'] }, 'secret', { subject: 'alice', expiresIn });
const expiry = (signed: string) => (jwt.decode(signed) as { exp: number }).exp * 1000;

describe('VerifiedTokens: verified bearer tokens until their exp', () => {
  it('answers a verified token with its actor until exp, and not from exp on', () => {
    const tokens = new VerifiedTokens();
    const signed = token(60);
    tokens.remember(signed, actor);
    expect(tokens.get(signed, expiry(signed) - 1)).toEqual(actor);
    expect(tokens.get(signed, expiry(signed))).toBeUndefined();
    expect(tokens.get(signed, Date.now())).toBeUndefined(); // forgotten once seen expired
  });

  it('knows only the exact token remembered: another signature is another key', () => {
    const tokens = new VerifiedTokens();
    const signed = token(60);
    tokens.remember(signed, actor);
    const [header, payload] = signed.split('.');
    expect(tokens.get(`${header}.${payload}.${'A'.repeat(43)}`)).toBeUndefined();
  });

  it('keeps no token that has already expired or has no exp', () => {
    const tokens = new VerifiedTokens();
    const expired = token(-1);
    const endless = jwt.sign({ org: 'acme', roles: ['editor'] }, 'secret', { subject: 'alice' });
    tokens.remember(expired, actor);
    tokens.remember(endless, actor);
    expect(tokens.get(expired)).toBeUndefined();
    expect(tokens.get(endless)).toBeUndefined();
  });

  it('hands out a copy: a handler that changes its actor changes no later request', () => {
    const tokens = new VerifiedTokens();
    const signed = token(60);
    tokens.remember(signed, actor);
    (tokens.get(signed)!.roles as Role[]).push('admin');
    expect(tokens.get(signed)!.roles).toEqual(['editor']);
  });
});
