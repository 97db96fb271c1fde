import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

// Every active demo partner, so the busiest of them too.
const PARTNERS = ['northwind-logistics', 'halcyon-bank', 'meridian-health'];

/** How many pages Chromium prints the document on: the page objects of the PDF it makes. */
async function printedPages(page: Page, format: 'A4' | 'Letter'): Promise<number> {
  const pdf = await page.pdf({ format });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe('the partner summary', () => {
  it('is linked from the customer page and prints on one page, A4 and US Letter, for every active partner', async () => {
    const page = await chrome.browser.newPage();
    await signInAs(page, app.baseUrl, 'exec@demo.test');
    await page.goto(`${app.baseUrl}/customers/northwind-logistics`);
    await page.getByRole('link', { name: /Partner summary/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Logistics: partner summary' }).waitFor();
    await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
    await expectCleanPage(page);
    for (const slug of PARTNERS) {
      await page.goto(`${app.baseUrl}/customers/${slug}/summary`);
      expect([slug, await printedPages(page, 'A4'), await printedPages(page, 'Letter')]).toEqual([slug, 1, 1]);
    }
    await page.close();
  });

  it('draws its three trends on the server: they show without JavaScript', async () => {
    const context = await chrome.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, app.baseUrl, 'viewer@demo.test');
    await page.goto(`${app.baseUrl}/customers/halcyon-bank/summary`);
    const charts = page.locator('svg.small-trend');
    expect(await charts.count()).toBe(3);
    for (let index = 0; index < 3; index += 1) {
      expect(await charts.nth(index).locator('path.value').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L|H|V)/);
      expect((await charts.nth(index).boundingBox())!.height).toBeGreaterThan(40);
    }
    // Halcyon's DAU is below its threshold and rising: its chart continues, dotted, to the projected week.
    expect(await charts.nth(1).getAttribute('aria-label')).toMatch(/reaches the threshold in the week of \d{4}-\d{2}-\d{2}/);
    expect(await charts.nth(1).locator('path.projection').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Open blockers' }).textContent()).toContain('Proxy strips streaming responses');
    await context.close();
  });
});
