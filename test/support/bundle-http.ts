import { expect } from 'vitest';
import type { Tenant } from './entity-fixtures.js';
import type { TestApp } from './test-app.js';

/** Import and export over HTTP as the bundle specs use them: an owner imports, a viewer exports. */
export function bundleHttp(t: TestApp) {
  const importZip = async (zip: Buffer, tenant: Tenant, query = '') =>
    (await t.http.post(`/api/v1/imports${query}`).set('Authorization', tenant.owner.auth).set('Content-Type', 'application/zip').send(zip).expect(200)).body;

  async function exportZip(resource: string, id: string, tenant: Tenant, query = ''): Promise<Buffer> {
    const response = await t.http.get(`/api/v1/${resource}/${id}/export${query}`).set('Authorization', tenant.viewer.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    return response.body as Buffer;
  }

  return { importZip, exportZip };
}
