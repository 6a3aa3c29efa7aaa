import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPageApp, type PageApp } from '../support/page-app.js';
import { ApiClient } from './support/api.js';
import { openBrowser, screenshot, type Browser } from './support/browser.js';
import { createSalesContent } from './support/demo-content.js';

/**
 * The history page in Chromium against the real API (embedded PostgreSQL, generated dev secret):
 * an editor signs in, the BI tool saves a dashboard a few times, and the editor reads, compares and
 * restores its history. Each screen is saved to docs/screenshots for the README.
 */
describe('history page', () => {
  let server: PageApp;
  let browser: Browser;
  let page: Page;
  let alice: ApiClient;
  let content: Awaited<ReturnType<typeof createSalesContent>>;

  beforeAll(async () => {
    server = await startPageApp();
    browser = await openBrowser();
    page = browser.page;
    alice = await ApiClient.signIn(server.url, 'alice', 'acme', ['editor']);
    content = await createSalesContent(alice);
    const { dashboard, charts, layoutOf } = content;
    await alice.send('PATCH', `/dashboards/${dashboard.id}`, { title: 'Sales overview (EMEA)', metadata: { ...dashboard.metadata, time_range: 'Last month', color_scheme: 'bnbColors' } }, { 'Revision-Message': 'EMEA numbers for the board' });
    await alice.send('PATCH', `/dashboards/${dashboard.id}`, { chartIds: [charts[0].id], layout: layoutOf([charts[0]]), published: true });
    await alice.send('PATCH', `/charts/${content.revenue.id}`, {
      params: { ...content.revenue.params, time_range: 'Last month', adhoc_filters: [{ expressionType: 'SIMPLE', subject: 'country', operator: 'IN', comparator: ['FR', 'DE'], clause: 'WHERE' }], groupby: ['country', 'channel'] },
    });
    await alice.send('PATCH', `/datasets/${content.dataset.id}`, {
      sql: "select o.id, o.country, o.channel, o.amount, o.created_at\nfrom orders o\nwhere o.status in ('paid', 'shipped')",
      columns: [...content.dataset.columns, { columnName: 'channel', type: 'TEXT', verboseName: 'Sales channel', groupby: true }],
    });
  });
  // A failed test leaves what the browser showed next to its name, for the CI log to point at.
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rewind-ui-failed-${context.task.name.replace(/\W+/g, '-')}.png` });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with dev sign-in and lists dashboards', async () => {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Sign in to see history' }).isVisible()).resolves.toBe(true);
    await screenshot(page, '01-sign-in', { fullPage: false });
    await page.getByLabel('User').fill('alice');
    await page.getByLabel('Organisation').fill('acme');
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    await page.getByRole('link', { name: 'Sales overview (EMEA)' }).waitFor();
    await screenshot(page, '02-dashboards');
  });

  it("shows the dashboard's timeline with each change in words", async () => {
    await page.getByRole('link', { name: 'Sales overview (EMEA)' }).click();
    const timeline = page.getByRole('list', { name: /Versions of Sales overview \(EMEA\)/ });
    await timeline.waitFor();
    const text = await timeline.innerText();
    expect(text).toContain('changed the title from “Sales overview” to “Sales overview (EMEA)”');
    expect(text).toContain('changed the time range from Last week to Last month');
    expect(text).toContain('changed the color palette from supersetColors to bnbColors');
    expect(text).toContain('removed chart Orders by country');
    expect(text).toContain('published it');
    expect(text).toContain('created it');
    expect(text).toContain('“EMEA numbers for the board”');
    await screenshot(page, '03-timeline');
  });

  it('compares two versions field by field', async () => {
    await page.getByRole('link', { name: 'Compare versions' }).click();
    await page.getByRole('heading', { name: 'Compare versions' }).waitFor();
    await page.getByLabel('From version').selectOption({ label: (await optionLabel(page, 'From version', /^v1 /))! });
    await page.getByText(/changes from v1 to v3/).waitFor();
    const fields = await page.locator('.fields').innerText();
    expect(fields).toContain('Title');
    expect(fields).toContain('Layout');
    expect(await page.locator('.sbs-removed, .sbs-changed').count()).toBeGreaterThan(0);
    await screenshot(page, '04-compare');
  });

  it("shows a dataset's SQL as a line diff", async () => {
    await page.goto(`${server.url}/#/datasets/${content.dataset.id}/compare`);
    await page.getByRole('heading', { name: 'Compare versions' }).waitFor();
    const sql = page.getByRole('table', { name: /^sql, version 1 on the left, 2 on the right/ });
    await sql.waitFor();
    expect(await sql.locator('.sbs-changed').count()).toBe(2);
    expect(await page.getByText('added column channel').isVisible()).toBe(true);
    await screenshot(page, '05-compare-dataset-sql');
  });

  it("shows a version's full state", async () => {
    await page.goto(`${server.url}/#/dashboards/${content.dashboard.id}`);
    await page.getByRole('link', { name: 'View version 1' }).click();
    await page.getByRole('heading', { name: /Sales overview at version 1/ }).waitFor();
    expect(await page.locator('.state').innerText()).toContain('Weekly sales for the leadership meeting');
    await screenshot(page, '06-version-state');
  });

  it('restores a version after a dry-run preview and a confirm step', async () => {
    await page.goto(`${server.url}/#/dashboards/${content.dashboard.id}`);
    await page.getByRole('button', { name: 'Restore version 2' }).click();
    const dialog = page.getByRole('dialog', { name: /Restore version 2/ });
    await dialog.getByText('What changes').waitFor();
    expect(await dialog.innerText()).toContain('added chart Orders by country');
    await screenshot(page, '07-restore-preview', { fullPage: false });
    await dialog.getByRole('button', { name: 'Restore version 2' }).click();
    await page.getByText('Restored version 2 as version 4.').waitFor();
    const head = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^v4 alice restored version 2/ }) });
    await head.waitFor();
    const current = await alice.send('GET', `/dashboards/${content.dashboard.id}`);
    expect(current).toMatchObject({ version: 4, chartIds: content.charts.map((chart) => chart.id).sort() });
  });

  it('shows what changed meanwhile when someone saves during a restore (412)', async () => {
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    const dialog = page.getByRole('dialog', { name: /Restore version 1/ });
    await dialog.getByText('What changes').waitFor();
    const bob = await ApiClient.signIn(server.url, 'bob', 'acme', ['admin']);
    await bob.send('PATCH', `/dashboards/${content.dashboard.id}`, { title: 'Sales overview (Q4)' });
    await dialog.getByRole('button', { name: 'Restore version 1' }).click();
    await dialog.getByText('Changed meanwhile').waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('it is now at version 5, not 4. Nothing was restored.');
    expect(text).toMatch(/v5\s*bob\s*edited/);
    expect(text).toContain('changed the title from “Sales overview (EMEA)” to “Sales overview (Q4)”');
    await screenshot(page, '08-restore-conflict', { fullPage: false });
    await dialog.getByRole('button', { name: 'Review the restore again' }).click();
    await dialog.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByText('Restored version 1 as version 6.').waitFor();
    expect(await alice.send('GET', `/dashboards/${content.dashboard.id}`)).toMatchObject({ version: 6, title: 'Sales overview' });
  });

  it('pins a version with a label, and unpins it', async () => {
    await page.getByRole('button', { name: 'Pin version 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pin version 2' });
    await dialog.getByLabel('Label').fill('Board-approved');
    await screenshot(page, '11-pin', { fullPage: false });
    await dialog.getByRole('button', { name: 'Pin version' }).click();
    await page.getByText('Pinned version 2.').waitFor();
    await page.getByLabel('pinned: Board-approved, by alice').waitFor();
    const versions = await alice.send('GET', `/dashboards/${content.dashboard.id}/versions`);
    expect(versions.items.find((item: { version: number }) => item.version === 2).pin).toMatchObject({ label: 'Board-approved', by: 'alice' });

    await page.getByRole('button', { name: 'Pin version 1' }).click();
    await page.getByRole('dialog', { name: 'Pin version 1' }).getByLabel('Label').fill('Launch');
    await page.getByRole('dialog', { name: 'Pin version 1' }).getByRole('button', { name: 'Pin version' }).click();
    await page.getByLabel('pinned: Launch, by alice').waitFor();
    await page.getByRole('button', { name: 'Unpin version 1' }).click();
    await page.getByText('Unpinned version 1.').waitFor();
    await page.getByLabel('pinned: Launch, by alice').waitFor({ state: 'detached' });
  });

  it('works from the keyboard: a dialog opens with Enter and closes with Escape', async () => {
    await page.getByRole('button', { name: 'Restore version 2' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Restore version 2/ });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Restore version 2');
  });

  it("lists the org's activity with filters", async () => {
    await page.getByRole('link', { name: 'Activity', exact: true }).click();
    await page.getByRole('list', { name: 'Changes, newest first' }).waitFor();
    await page.getByLabel('Kind of item').selectOption('chart');
    await expect.poll(() => page.locator('ol.feed[aria-busy="false"]').innerText()).not.toContain('on dashboard');
    const text = await page.getByRole('list', { name: 'Changes, newest first' }).innerText();
    expect(text).toContain('country IN (FR, DE)');
    expect(text).not.toContain('changed the title');
    await page.getByLabel('Kind of item').selectOption('');
    await page.getByText('changed the title from “Sales overview (EMEA)” to “Sales overview (Q4)”').waitFor();
    await screenshot(page, '09-activity');
  });

  it('reads well on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/dashboards/${content.dashboard.id}`);
    await page.getByRole('list', { name: /Versions of/ }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '10-timeline-phone', { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});

async function optionLabel(page: Page, select: string, pattern: RegExp): Promise<string | undefined> {
  const labels = await page.getByLabel(select).locator('option').allInnerTexts();
  return labels.find((label) => pattern.test(label));
}
