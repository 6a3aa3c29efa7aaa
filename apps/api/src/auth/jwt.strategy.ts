import { createPublicKey, createSecretKey } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Actor, type Role } from '#revisions/actor.js';

export const JWT_KEYS = Symbol('JWT_KEYS');

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
      typeof sub === 'string' && sub.length > 0 &&
      typeof org === 'string' && org.length > 0 &&
      Array.isArray(roles) && roles.every((role) => ROLES.includes(role as Role)) &&
      typeof (claims as { exp?: unknown }).exp === 'number';
    if (!valid) throw new UnauthorizedException('token claims must hold sub, org, roles and exp');
    return { id: sub, org, roles: roles as Role[] };
  }
}
