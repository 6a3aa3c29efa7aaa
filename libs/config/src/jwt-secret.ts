import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config.js';

/**
 * The HS256 secret. Outside production, an unset JWT_SECRET is generated once and kept in the data
 * folder, so `npm start` works on a fresh clone and `npm run token` signs with the same secret.
 */
export function resolveJwtSecret(config: AppConfig): string | undefined {
  if (config.jwt.secret || config.jwt.publicKey) return config.jwt.secret;
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
