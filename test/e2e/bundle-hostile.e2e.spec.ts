import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countEvents, useTenant } from '../support/entity-fixtures.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const tenant = useTenant(t);

/** Sends `zip`, expects `status` within a second, with nothing written (events and mappings). */
async function refused(zip: Buffer, status: number, message: RegExp) {
  const before = await countEvents(t);
  const [mappings] = await t.db.query<{ n: number }>('select count(*)::int as n from resource_mappings');
  const started = performance.now();
  const response = await t.http.post('/api/v1/imports').set('Authorization', tenant.owner.auth).set('Content-Type', 'application/zip').send(zip);
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(response.status).toBe(status);
  expect(JSON.stringify(response.body.message)).toMatch(message);
  expect(await countEvents(t)).toBe(before);
  const [after] = await t.db.query<{ n: number }>('select count(*)::int as n from resource_mappings');
  expect(after.n).toBe(mappings.n);
}

function validBundle() {
  const builder = new SupersetBundleBuilder();
  const dataset = builder.dataset();
  const charts = [builder.chart(dataset), builder.chart(dataset)];
  builder.dashboard(charts);
  return { builder, charts };
}

/** A one-entry archive whose name and declared size are whatever the test says. */
function handMadeZip(name: string, content: Buffer, declaredSize = content.length): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name, 'utf8');
  const header = (signature: number, size: number) => {
    const b = Buffer.alloc(size);
    b.writeUInt32LE(signature, 0);
    return b;
  };
  const local = header(0x04034b50, 30);
  local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(declaredSize, 22); local.writeUInt16LE(nameBytes.length, 26);
  const central = header(0x02014b50, 46);
  central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(declaredSize, 24); central.writeUInt16LE(nameBytes.length, 28);
  const end = header(0x06054b50, 22);
  end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10); end.writeUInt32LE(46 + nameBytes.length, 12); end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('hostile bundles are refused quickly, with nothing written', () => {
  it('not a ZIP → 400', async () => {
    await refused(Buffer.from('dashboard_title: hello'), 400, /not a ZIP/);
  });

  it('an entry name with .. or an absolute path → 400', async () => {
    await refused(handMadeZip('../../etc/cron.d/x.yaml', Buffer.from('a: 1')), 400, /outside the bundle|\.\./);
    await refused(handMadeZip('/etc/passwd', Buffer.from('a: 1')), 400, /outside the bundle|absolute/);
  });

  it('a zip bomb → 413 before it is inflated', async () => {
    await refused(handMadeZip('charts/bomb.yaml', Buffer.alloc(40 * 1024 * 1024, 0x61)), 413, /larger than/);
  });

  it('a YAML alias bomb → 400 naming the file', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const { builder } = validBundle();
    await refused(await builder.file('charts/bomb.yaml', lines.join('\n')).zip(), 400, /charts\/bomb\.yaml: YAML aliases/);
  });

  it('duplicate uuids → 400 naming both files', async () => {
    const { builder, charts } = validBundle();
    builder.chart(undefined, { uuid: charts[0].uuid });
    await refused(await builder.zip(), 400, /is also used by charts\//);
  });

  it('a dashboard naming a chart uuid that is nowhere → 400 naming the file and field', async () => {
    const { builder, charts } = validBundle();
    builder.charts.splice(builder.charts.indexOf(charts[1]), 1);
    await refused(await builder.zip(), 400, /dashboards\/.*: position\.CHART-1\.meta\.uuid .* neither in the bundle nor imported before/);
  });

  it('non-UTF-8 text → 400 naming the file', async () => {
    await refused(handMadeZip('charts/latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9])), 400, /charts\/latin1\.yaml: the file is not UTF-8/);
  });

  it('a bad field value → 400 naming the file and the YAML key', async () => {
    const { builder } = validBundle();
    builder.datasets[0].table_name = '';
    await refused(await builder.zip(), 400, /datasets\/.*: table_name is required/);
  });

  it('a body over the upload limit → 413', async () => {
    const response = await t.http.post('/api/v1/imports').set('Authorization', tenant.owner.auth).set('Content-Type', 'application/zip').send(Buffer.alloc(65 * 1024 * 1024));
    expect(response.status).toBe(413);
  });

  it('a body that is not application/zip → 415', async () => {
    const response = await t.http.post('/api/v1/imports').set('Authorization', tenant.owner.auth).send({ bundle: 'x' });
    expect(response.status).toBe(415);
  });
});
