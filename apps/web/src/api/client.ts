import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { currentToken, tokenRejected } from '../auth/session';

/** Every type the page exchanges with the API, generated from its OpenAPI document. */
export type Schemas = components['schemas'];

/** A non-2xx answer, with the API's `{ statusCode, error, message }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Schemas['ErrorBody'] & Record<string, unknown>,
  ) {
    super(Array.isArray(body.message) ? body.message.join('; ') : body.message || body.error || `HTTP ${status}`);
  }
}

const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && currentToken()) tokenRejected();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(bearer);

/** The data of a call, or an `ApiError` carrying its status and body. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = (error && typeof error === 'object' ? error : { statusCode: response.status, error: response.statusText, message: response.statusText }) as ApiError['body'];
    throw new ApiError(response.status, body);
  }
  return data as T;
}

/** `"<versionId>"` for If-Match. */
export const etag = (versionId: string) => `"${versionId}"`;
