import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPageApp, type PageApp } from '../support/page-app.js';
import { ApiClient } from './support/api.js';
import { openBrowser, screenshot, type Browser } from './support/browser.js';
import { createSalesContent } from './support/demo-content.js';

/** Search, the activity by person and item, the trash (restore; purge for admins) and what a guest may see, in Chromium against the real API. */
describe('history tools', () => {
  let server: PageApp;
  let browser: Browser;
  let page: Page;
  let admin: ApiClient;
  let content: Awaited<ReturnType<typeof createSalesContent>>;

  beforeAll(async () => {
    server = await startPageApp();
    browser = await openBrowser();
    page = browser.page;
    admin = await ApiClient.signIn(server.url, 'carol', 'globex', ['admin']);
    content = await createSalesContent(admin);
    const dave = await ApiClient.signIn(server.url, 'dave', 'globex', ['admin']);
    await dave.send('PATCH', `/charts/${content.revenue.id}`, { description: 'Revenue by country, net of refunds' }, { 'Revision-Message': 'Finance asked for net revenue' });
    // Both the dashboard and one of its charts go to the trash: restoring the dashboard then warns.
    await admin.send('DELETE', `/charts/${content.orders.id}`, undefined, { 'Revision-Message': 'Replaced by the revenue chart' });
    await admin.send('DELETE', `/dashboards/${content.dashboard.id}`);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rewind-ui-failed-${context.task.name.replace(/\W+/g, '-')}.png` });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes a token from the URL fragment, as an embedding BI tool opens the page, and wipes it from the address bar', async () => {
    await page.goto(`${server.url}/#access_token=${admin.token}`);
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    expect(page.url()).not.toContain('access_token');
    expect(await page.locator('.who').innerText()).toContain('carol');
  });

  it('takes a token posted by the BI tool that embeds the page in an iframe', async () => {
    const embedder = await browser.context.newPage();
    try {
      await embedder.setContent(`
        <iframe id="rewind" title="Rewind history" src="${server.url}/" style="width: 1200px; height: 700px"></iframe>
        <script>
          addEventListener('message', (event) => {
            if (event.data && event.data.type === 'rewind:ready') event.source.postMessage({ type: 'rewind:token', token: ${JSON.stringify(admin.token)} }, '*');
          });
        </script>`);
      const frame = embedder.frameLocator('#rewind');
      await frame.getByRole('heading', { name: 'Dashboards' }).waitFor();
      expect(await frame.locator('.who').innerText()).toContain('carol');
    } finally {
      await embedder.close();
    }
  });

  it('searches a list by name and filters it by tag', async () => {
    await page.getByRole('searchbox', { name: /Search by title/ }).fill('funnel');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody[aria-busy="false"] tr').count()).toBe(1);
    expect(await page.getByRole('table').innerText()).toContain('Marketing funnel');
    await screenshot(page, '16-search');
    await page.goto(`${server.url}/#/dashboards`);
    await page.getByRole('link', { name: 'Only dashboards tagged ops' }).click();
    await expect.poll(() => page.locator('tbody[aria-busy="false"] tr').count()).toBe(1);
    expect(await page.getByRole('table').innerText()).toContain('Support tickets');
  });

  it("shows one person's activity, and one item's", async () => {
    await page.goto(`${server.url}/#/activity?actor=dave`);
    await expect.poll(() => page.locator('ol.feed[aria-busy="false"]').innerText()).not.toContain('carol');
    const text = await page.getByRole('list', { name: 'Changes, newest first' }).innerText();
    expect(text).toContain('dave changed the description from “Daily revenue by country” to “Revenue by country, net of refunds”');
    expect(text).toContain('“Finance asked for net revenue”');
    expect(text).not.toContain('carol');
    await page.goto(`${server.url}/#/charts/${content.revenue.id}`);
    await page.getByRole('link', { name: 'Activity of Revenue' }).click();
    await page.getByText('Only Revenue').waitFor();
    await expect.poll(() => page.locator('ol.feed[aria-busy="false"]').innerText()).not.toContain('on dashboard');
  });

  it('lists deleted items and restores one after a preview with its warnings', async () => {
    await page.getByRole('link', { name: 'Trash', exact: true }).click();
    await page.getByRole('table').waitFor();
    const rows = await page.getByRole('table').innerText();
    expect(rows).toContain('Sales overview');
    expect(rows).toContain('Orders by country');
    await screenshot(page, '12-trash');
    await page.getByRole('button', { name: 'Restore Sales overview' }).click();
    const dialog = page.getByRole('dialog', { name: /Restore version 1 of Sales overview/ });
    await dialog.getByText('It comes back out of the trash.').waitFor();
    await screenshot(page, '13-trash-restore', { fullPage: false });
    await dialog.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByText('Restored Sales overview from the trash.').waitFor();
    await page.getByRole('button', { name: 'Restore Sales overview' }).waitFor({ state: 'detached' });
    expect(await admin.send('GET', `/dashboards/${content.dashboard.id}`)).toMatchObject({ version: 3, title: 'Sales overview' });
  });

  it('lets an admin purge a deleted item for good, after a confirm step', async () => {
    await page.getByRole('button', { name: 'Purge Orders by country' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purge Orders by country?' });
    await screenshot(page, '14-purge', { fullPage: false });
    await dialog.getByRole('button', { name: 'Purge permanently' }).click();
    await page.getByText('Purged Orders by country: its history is gone.').waitFor();
    await page.getByText('The trash is empty.').waitFor();
    await expect(admin.send('GET', `/charts/${content.orders.id}/versions`)).rejects.toThrow(/404/);
  });

  it('shows a guest current dashboards but no history', async () => {
    const guest = await ApiClient.signIn(server.url, 'gus', 'globex', ['guest']);
    await page.goto(`${server.url}/#access_token=${guest.token}`);
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    await page.getByText('Sales overview').waitFor();
    expect(await page.getByRole('link', { name: 'Sales overview' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Activity', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Trash', exact: true }).count()).toBe(0);
    await screenshot(page, '15-guest-list');
    await page.goto(`${server.url}/#/dashboards/${content.dashboard.id}`);
    await page.getByRole('heading', { name: 'History is not available' }).waitFor();
    await expect(guest.send('GET', `/dashboards/${content.dashboard.id}/versions`)).rejects.toThrow(/403/);
  });
});
