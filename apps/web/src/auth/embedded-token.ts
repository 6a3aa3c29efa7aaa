import { signIn } from './session';

/**
 * How a BI tool hands the page a token in production:
 * - open it as `/#access_token=<JWT>`, or set that fragment later (it never reaches a server and is
 *   wiped at once), or
 * - embed it in an iframe and post `{ type: 'rewind:token', token }` once it posts `rewind:ready`.
 */
export function takeTokenFromFragment(): boolean {
  const match = /(?:^#|&)access_token=([^&]+)/.exec(location.hash);
  if (!match) return false;
  // Replace (not push) the entry, so Back never leads to the token.
  location.replace('#/');
  return trySignIn(decodeURIComponent(match[1]));
}

export function listenForEmbedderToken(): void {
  if (window.parent === window) return;
  window.addEventListener('message', (event: MessageEvent) => {
    // Only the page that embeds us may hand over a token.
    if (event.source !== window.parent) return;
    const data = event.data as { type?: unknown; token?: unknown } | null;
    if (data?.type === 'rewind:token' && typeof data.token === 'string') trySignIn(data.token);
  });
  window.parent.postMessage({ type: 'rewind:ready' }, '*');
}

function trySignIn(token: string): boolean {
  try {
    signIn(token);
    return true;
  } catch {
    return false;
  }
}
