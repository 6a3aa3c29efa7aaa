import { createPublicKey, createSecretKey } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Actor, type Role } from '#revisions/actor.js';
import { isStorableString } from '#revisions/validation/storable-json.js';

export const JWT_KEYS = Symbol('JWT_KEYS');

/** Longest user or organization id a token may carry. */
export const MAX_CLAIM_LENGTH = 255;

export interface JwtKeys {
  secret?: string;
  publicKey?: string;
}

interface Claims {
  sub?: unknown;
  org?: unknown;
  roles?: unknown;
}

/** HS256 with JWT_SECRET, or RS256 with JWT_PUBLIC_KEY when set; `exp` is required. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(JWT_KEYS) keys: JwtKeys) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given a string, jsonwebtoken re-derives it (after failing to parse
      // it as a public key) on every request. passport-jwt hands it to jsonwebtoken untouched; its
      // types only list strings and buffers.
      secretOrKey: (keys.publicKey ? createPublicKey(keys.publicKey) : createSecretKey(Buffer.from(keys.secret!))) as unknown as string,
      algorithms: keys.publicKey ? ['RS256'] : ['HS256'],
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5 },
    });
  }

  validate(claims: Claims): Actor {
    const { sub, org, roles } = claims;
    const valid =
      isIdentityClaim(sub) &&
      isIdentityClaim(org) &&
      Array.isArray(roles) && roles.every((role) => ROLES.includes(role as Role)) &&
      typeof (claims as { exp?: unknown }).exp === 'number';
    if (!valid) throw new UnauthorizedException(`token claims must hold sub and org (1–${MAX_CLAIM_LENGTH} storable characters), roles and exp`);
    return { id: sub, org, roles: roles as Role[] };
  }
}

/** `sub` and `org` are stored with every event and key: text PostgreSQL can hold, of a bounded length. */
function isIdentityClaim(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_CLAIM_LENGTH && isStorableString(value);
}
