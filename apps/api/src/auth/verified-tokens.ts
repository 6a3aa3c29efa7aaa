import { LRUCache } from 'lru-cache';
import type { Actor } from '#revisions/actor.js';

/** Tokens a busy API sees again and again: one per active user and client, for hours. */
const MAX_TOKENS = 2_000;

interface Verified {
  actor: Actor;
  /** `exp` in ms: a hit after it is no hit, and the token goes through full verification again. */
  expiresAt: number;
}

/**
 * Bearer tokens already verified, keyed by the whole token (header, claims and signature), so a
 * hit is exactly a token whose signature and claims were checked; only verified tokens enter.
 * Verifying an HS256 token and validating its claims costs more CPU than the rest of a small read.
 */
export class VerifiedTokens {
  private readonly tokens = new LRUCache<string, Verified>({ max: MAX_TOKENS });

  /** The token's actor while it is unexpired, as a fresh object (handlers may keep it). */
  get(token: string, now = Date.now()): Actor | undefined {
    const verified = this.tokens.get(token);
    if (!verified) return undefined;
    if (now >= verified.expiresAt) return void this.tokens.delete(token);
    return { ...verified.actor, roles: [...verified.actor.roles] };
  }

  /** Remembers `token`, verified for `actor`, until its `exp` claim (read from its payload). */
  remember(token: string, actor: Actor): void {
    const exp = expiryOf(token);
    if (exp !== undefined && Date.now() < exp * 1000) this.tokens.set(token, { actor: { ...actor, roles: [...actor.roles] }, expiresAt: exp * 1000 });
  }
}

function expiryOf(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
