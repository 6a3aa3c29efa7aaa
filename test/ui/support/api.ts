/** The API as the BI tool calls it: what the page then shows as history. */
export class ApiClient {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  static async signIn(url: string, sub: string, org: string, roles: string[]): Promise<ApiClient> {
    const response = await fetch(`${url}/api/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, org, roles }) });
    if (response.status !== 201) throw new Error(`dev sign-in: ${response.status} ${await response.text()}`);
    return new ApiClient(url, ((await response.json()) as { token: string }).token);
  }

  async send<T = Record<string, any>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}
