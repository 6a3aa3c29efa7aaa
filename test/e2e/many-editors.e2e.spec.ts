import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.js';
import { createEntity, useTenant, uid, type User } from '../support/entity-fixtures.js';

/**
 * The correctness test of issue 6: 50 concurrent editors, 1 000 saves on one dashboard, no
 * If-Match. Every save ends in 200 (one new version) or 409 (retries ran out, nothing written);
 * never a 5xx, a lost or a duplicated version. Not a timed test: only the per-test timeout bounds it.
 */

const EDITORS = 50;
const SAVES = 1_000;

const t = useTestApp();
const tenant = useTenant(t);

interface Save {
  editor: string;
  value: string;
  status: number;
  version?: number;
  description?: unknown;
}

/** SAVES saves by one worker per editor (concurrency = editors), each sending its saves one after another. */
async function runPool(editors: User[], dashboardId: string): Promise<Save[]> {
  const saves: Save[] = [];
  let next = 0;
  const worker = async (editor: User) => {
    for (let n = next++; n < SAVES; n = next++) {
      const value = `${editor.id} save ${n}`;
      const response = await t.http.patch(`/api/v1/dashboards/${dashboardId}`).set('Authorization', editor.auth).send({ description: value });
      saves.push({ editor: editor.id, value, status: response.status, version: response.body?.version, description: response.body?.description });
    }
  };
  await Promise.all(editors.map(worker));
  return saves;
}

describe('many editors on one dashboard', () => {
  it(`${EDITORS} concurrent editors, ${SAVES} PATCHes: one version per 200, no 5xx, every acknowledged value in the history`, { timeout: 60_000 }, async () => {
    const editors = Array.from({ length: EDITORS }, (_, i): User => {
      const id = `editor-${i}-${uid()}`;
      return { id, auth: t.auth(id, tenant.org, 'editor') };
    });
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', {
      title: `Busy ${uid()}`,
      description: 'v1',
      owners: [tenant.owner.id, ...editors.map((e) => e.id)],
    });
    expect(dashboard.owners).toHaveLength(EDITORS + 1);

    const started = performance.now();
    const saves = await runPool(editors, dashboard.id);
    const seconds = (performance.now() - started) / 1000;

    const ok = saves.filter((s) => s.status === 200);
    const conflicts = saves.filter((s) => s.status === 409);
    console.log(`many editors: ${saves.length} saves in ${seconds.toFixed(1)} s: ${ok.length} × 200, ${conflicts.length} × 409`);
    expect(saves).toHaveLength(SAVES);
    expect(new Set(saves.map((s) => s.editor)).size).toBe(EDITORS);
    expect(saves.filter((s) => s.status >= 500)).toEqual([]);
    expect(saves.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([]);
    expect(ok.length).toBeGreaterThan(0);

    // Each 200 answered with its own value at its own version.
    for (const save of ok) expect(save.description).toBe(save.value);
    expect(new Set(ok.map((s) => s.version)).size).toBe(ok.length);

    // Versions after create = number of 200s; 1..N without gap or duplicate.
    const events = await t.db.query<{ version: number; type: string }>('select version, type from revision_events where stream_id = $1 order by position', [dashboard.id]);
    expect(events.length).toBe(1 + ok.length);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(['Created', ...ok.map(() => 'Updated')]);

    // The change log holds exactly the acknowledged values, each at the version its 200 named.
    const changes = await t.db.query<{ version: number; to: unknown }>(
      `select version, "to" from revision_changes where entity_id = $1 and path = array['description'] order by version`,
      [dashboard.id],
    );
    const history = new Map(changes.map((c) => [c.version, c.to]));
    expect(changes.length).toBe(ok.length);
    for (const save of ok) expect(history.get(save.version!)).toBe(save.value);
    const written = new Set(changes.map((c) => c.to));
    expect(conflicts.filter((s) => written.has(s.value))).toEqual([]);

    // The current description is the value of the highest version.
    const current = (await t.http.get(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).expect(200)).body;
    const top = changes[changes.length - 1];
    expect(current).toMatchObject({ version: events.length, description: top.to });
  });
});
