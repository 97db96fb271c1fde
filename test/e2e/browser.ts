import { existsSync } from 'node:fs';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../scripts/demo-data';
import { afterAll, beforeAll, expect } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, kept off the network but for the app under test. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Chromium for this test file alone: launched before its tests, closed after them. */
export function setUpBrowser(): { browser: Browser } {
  const chrome = {} as { browser: Browser };
  beforeAll(async () => {
    chrome.browser = await launchBrowser();
  });
  afterAll(() => chrome.browser?.close());
  return chrome;
}

/**
 * Axe finds nothing on the page (run through the debugging protocol, so the page's CSP does not block it), and the
 * CSP refused nothing since the page loaded.
 */
export async function expectCleanPage(page: Page): Promise<void> {
  const refused = await page.evaluate(() => {
    const observer = new ReportingObserver(() => {}, { types: ['csp-violation'], buffered: true });
    observer.observe();
    return observer.takeRecords().map((report) => {
      const body = report.body as unknown as { effectiveDirective: string; blockedURL: string; sourceFile: string | null };
      return `${body.effectiveDirective}: ${body.blockedURL} (${body.sourceFile ?? 'inline'})`;
    });
  });
  expect(refused).toEqual([]);
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);
}

/** Signs in through the form and waits for the dashboard to render. */
export async function signInAs(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Remix changes the URL before the new page renders: wait for the page itself.
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}
