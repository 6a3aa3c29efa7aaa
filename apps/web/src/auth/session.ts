/**
 * The bearer token, kept in memory only (never in storage or cookies): from dev sign-in, from the
 * URL fragment the embedding BI tool opened the page with, or from its postMessage.
 */
export interface Session {
  token: string;
  user: string;
  org: string;
  roles: string[];
  /** ms since epoch */
  expiresAt: number | null;
}

type Listener = (session: Session | null) => void;

let session: Session | null = null;
const listeners = new Set<Listener>();

export const currentSession = () => session;
export const currentToken = () => session?.token ?? null;

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps a token after reading its claims for display; the API alone verifies it. */
export function signIn(token: string): Session {
  const claims = readClaims(token);
  session = { token, user: claims.sub, org: claims.org, roles: claims.roles, expiresAt: claims.exp ? claims.exp * 1000 : null };
  listeners.forEach((listener) => listener(session));
  return session;
}

export function signOut(): void {
  session = null;
  listeners.forEach((listener) => listener(null));
}

/** The API refused the token (expired or revoked): forget it and ask the embedder for a new one. */
export function tokenRejected(): void {
  signOut();
  if (window.parent !== window) window.parent.postMessage({ type: 'rewind:token-expired' }, '*');
}

export const hasRole = (current: Session | null, ...roles: string[]) => !!current && roles.some((role) => current.roles.includes(role));
/** Guests see current entities only; the API refuses them history. */
export const canReadHistory = (current: Session | null) => hasRole(current, 'viewer', 'editor', 'admin');
export const canWrite = (current: Session | null) => hasRole(current, 'editor', 'admin');

interface Claims {
  sub: string;
  org: string;
  roles: string[];
  exp?: number;
}

export function readClaims(token: string): Claims {
  const part = token.split('.')[1];
  if (!part) throw new Error('this is not a JWT');
  const json = atob(part.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Partial<Claims>;
  if (typeof claims.sub !== 'string' || typeof claims.org !== 'string') throw new Error('the token names no user or org');
  return { sub: claims.sub, org: claims.org, roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [], exp: claims.exp };
}
