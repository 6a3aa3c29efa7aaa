import jwt from 'jsonwebtoken';
import { ROLES, type Role } from '#revisions/actor.js';

export interface TokenClaims {
  sub: string;
  org: string;
  roles: Role[];
}

/** A dev token signed with the same HS256 secret the API verifies with. */
export function mintToken(secret: string, claims: TokenClaims, expiresIn: `${number}${'s' | 'm' | 'h' | 'd'}` = '12h'): string {
  const unknown = claims.roles.filter((role) => !ROLES.includes(role));
  if (unknown.length) throw new Error(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  return jwt.sign({ org: claims.org, roles: claims.roles }, secret, { algorithm: 'HS256', subject: claims.sub, expiresIn });
}
