import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { setUpAppServer } from './app-server';
import { setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

describe('an EM backing up the data', () => {
  it('downloads the whole export from Settings as a JSON file', async () => {
    const context = await chrome.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, app.baseUrl, 'em@demo.test');
    await page.goto(`${app.baseUrl}/settings`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^strat-tracker-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(document.format).toBe('strat-tracker/1');
    expect(document.customers.map((customer: { slug: string }) => customer.slug)).toContain('northwind-logistics');
    await context.close();
  });

  it('is not offered to a viewer', async () => {
    const page = await chrome.browser.newPage();
    await signInAs(page, app.baseUrl, 'viewer@demo.test');
    await page.goto(`${app.baseUrl}/settings`);
    expect(await page.getByRole('link', { name: 'Download the export' }).count()).toBe(0);
    expect((await page.request.get(`${app.baseUrl}/api/v1/export`)).status()).toBe(403);
    await page.close();
  });
});
