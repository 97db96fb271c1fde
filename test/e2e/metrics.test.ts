import { describe, expect, it } from 'vitest';
import { weekStartOf } from '~/domain/dates';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

describe('a viewer reading a failing partner’s trends', () => {
  it('sees the DAU line continue, dashed, to the week the gate forecast projects', async () => {
    const page = await chrome.browser.newPage();
    await signInAs(page, app.baseUrl, 'viewer@demo.test');
    const { forecast } = await page.evaluate(async () => (await fetch('/api/v1/intake-gate')).json());
    const dau = forecast.partners.find((entry: { customer: string; metric: string }) => entry.customer === 'halcyon-bank' && entry.metric === 'dau');
    expect(dau.projectedWeek).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await page.goto(`${app.baseUrl}/customers/halcyon-bank`);
    const chart = page.getByRole('region', { name: 'DAU over available developers' });
    expect(await chart.getByText(`in the week of ${dau.projectedWeek}.`).count()).toBe(1);
    // Drawn by the server, then interactive once a pointer reaches it; either way the projection starts where the
    // recorded line ends and runs on to the right of it.
    const continuesTheLine = async (recordedLine: string, projectedLine: string) => {
      const recorded = (await chart.locator(recordedLine).boundingBox())!;
      const dashed = (await chart.locator(projectedLine).boundingBox())!;
      expect(Math.abs(dashed.x - recorded.x - recorded.width)).toBeLessThan(8);
      expect(dashed.x + dashed.width).toBeGreaterThan(recorded.x + recorded.width + 20);
    };
    await continuesTheLine('path.sketch-value', 'path.sketch-projection');
    // Read on a phone, the page runs neither a chart library nor a Markdown one.
    const scripts = await page.evaluate(async () => {
      const urls = performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => url.endsWith('.js'));
      return Promise.all(urls.map(async (url) => (await fetch(url)).text()));
    });
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((script) => script.includes('recharts-surface') || script.includes('markdown-it'))).toEqual([]);
    expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/^DAU over available developers: [\d.]+ % in \d{4}-\d\d-\d\d/);
    await chart.getByRole('figure').hover();
    const projection = chart.locator('.recharts-line-curve[stroke-dasharray="4 4"]');
    await projection.waitFor();
    const recordedLine = '.recharts-line-curve[stroke="#1f3a8a"]:not([stroke-dasharray])';
    await continuesTheLine(recordedLine, '.recharts-line-curve[stroke-dasharray="4 4"]');
    await expectCleanPage(page);

    // Another partner's page, reached in the app, draws that partner's series.
    await page.getByRole('navigation').getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('link', { name: 'Northwind Logistics' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Logistics' }).waitFor();
    const series = page.waitForResponse((response) => new URL(response.url()).pathname === '/customers/northwind-logistics/trends');
    await chart.getByRole('figure').hover();
    expect((await series).status()).toBe(200);
    await chart.locator(recordedLine).waitFor();
    await page.close();
  });
});

describe('a lead engineer recording a week', () => {
  it('sees the partner’s status and its acceptance chart change', async () => {
    const page = await chrome.browser.newPage();
    await signInAs(page, app.baseUrl, 'lead@demo.test');
    await expectCleanPage(page);
    await page.goto(`${app.baseUrl}/customers/northwind-logistics`);
    const status = page.getByRole('region', { name: /Succeeding|At risk|No data/ });
    expect(await status.getByRole('heading').textContent()).toBe('Succeeding');
    await page.getByRole('figure', { name: 'Completions accepted chart' }).hover();
    await page.locator('.recharts-surface').first().waitFor();
    await expectCleanPage(page);

    const thisWeek = weekStartOf(new Date().toISOString().slice(0, 10));
    await page.getByLabel('Week starting (a Monday)').fill(thisWeek);
    await page.getByRole('spinbutton', { name: 'Completions shown', exact: true }).fill('10000');
    await page.getByRole('spinbutton', { name: 'Completions accepted', exact: true }).fill('2000');
    await page.getByRole('spinbutton', { name: 'Daily active users (DAU)', exact: true }).fill('900');
    await page.getByRole('spinbutton', { name: 'Available developers', exact: true }).fill('1200');
    await page.getByRole('button', { name: 'Save the week' }).click();

    await page.getByRole('heading', { name: 'At risk' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(`The week of ${thisWeek} is recorded.`);
    await expectCleanPage(page);
    expect(await page.getByText(`Latest snapshot: week of ${thisWeek}`).count()).toBe(1);
    const acceptance = page.getByRole('region', { name: 'Completions accepted' });
    await acceptance.getByText('the data as a table').click();
    expect(await acceptance.getByRole('row', { name: new RegExp(thisWeek) }).textContent()).toContain('20.0 %');

    // The message belongs to the page the write landed on.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    await page.close();
  });
});
