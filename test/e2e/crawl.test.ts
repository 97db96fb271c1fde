import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInZone, weekStartOf } from '~/domain/dates';
import { can, type Permission, type Role } from '~/domain/roles';
import { freePort, setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

/**
 * Every page of the app, opened in Chromium by every role at a laptop's and a phone's width, with JavaScript on and
 * off. The pages come from the route files: a page route that is missing here fails the first test.
 */
type Visit = {
  path: string;
  /** Who may see it; signed-out visitors see only the pages without one. */
  permission: Permission | null;
  /** What the crawl does on the page before checking it again (a step a page only shows after a submit). */
  then?: { name: string; run: (page: Page) => Promise<void> };
};

const thisWeek = weekStartOf(dateInZone(new Date(), process.env.TEAM_TIMEZONE || 'UTC'));
const SNAPSHOT_CSV = `customer,week_start,completions_shown,completions_accepted,dau,available_developers\nnorthwind-logistics,${addDays(thisWeek, -7)},1000,300,700,1200\n`;

const previewImport = {
  name: 'after a preview',
  run: async (page: Page) => {
    await page.getByLabel(/CSV file/).setInputFiles({ name: 'snapshots.csv', mimeType: 'text/csv', buffer: Buffer.from(SNAPSHOT_CSV) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { level: 2, name: /ready|Nothing can be imported/ }).waitFor();
  },
};

const PAGES: Record<string, Visit[]> = {
  'login.tsx': [{ path: '/login', permission: null }],
  '_index.tsx': [{ path: '/', permission: 'read' }],
  'candidates.tsx': [{ path: '/candidates', permission: 'read' }],
  'candidates_.new.tsx': [{ path: '/candidates/new', permission: 'editCandidates' }],
  'partners.tsx': [{ path: '/partners', permission: 'read' }],
  'customers.$slug.tsx': [
    'aurora-aerospace', // candidate
    'driftwood-media', // candidate outside the Strategic segment
    'northwind-logistics', // active, succeeding
    'meridian-health', // active, gone stale
    'eastgate-telecom', // rejected
    'fjordline-shipping', // handed off
    'granite-insurance', // ended
  ].map((slug) => ({ path: `/customers/${slug}`, permission: 'read' })),
  'customers.$slug_.summary.tsx': [
    'northwind-logistics', // active, succeeding
    'halcyon-bank', // active, at risk, a projected DAU
    'meridian-health', // active, gone stale
    'fjordline-shipping', // handed off
  ].map((slug) => ({ path: `/customers/${slug}/summary`, permission: 'read' })),
  'updates.tsx': [{ path: '/updates', permission: 'read' }],
  'updates_.$weekStart.tsx': [0, 1, 2, 3, 4, 5].map((weeksAgo) => ({
    // not started, submitted, amended, submitted late, a draft overdue, missing and overdue
    path: `/updates/${addDays(thisWeek, -7 * weeksAgo)}`, permission: 'read',
  })),
  'themes.tsx': [{ path: '/themes', permission: 'read' }],
  'requests.tsx': [
    { path: '/requests', permission: 'read' },
    { path: '/requests?kind=request&routedTo=support&olderThanDays=7', permission: 'read' },
  ],
  'search.tsx': [
    { path: '/search', permission: 'read' },
    { path: '/search?q=proxy%20streaming', permission: 'read' },
    { path: '/search?q=halcyon', permission: 'read' },
  ],
  'settings.tsx': [{ path: '/settings', permission: 'read' }],
  'notifications.tsx': [
    { path: '/notifications', permission: 'ownNotifications' },
    { path: '/notifications?before=1', permission: 'ownNotifications' },
  ],
  'users.tsx': [{ path: '/users', permission: 'manageUsers' }],
  'audit.tsx': [{ path: '/audit', permission: 'readAudit' }],
  'import.tsx': [
    { path: '/import', permission: 'logProgress' },
    { path: '/import', permission: 'logProgress', then: previewImport },
  ],
};

/** The route files that render a page (the others answer data or redirect). */
function pageRoutes(): string[] {
  const folder = new URL('../../app/routes/', import.meta.url);
  return readdirSync(folder)
    .filter((file) => /export default function/.test(readFileSync(new URL(file, folder), 'utf8')))
    .sort();
}

const ROLES: { role: Role; email: string }[] = [
  { role: 'exec', email: 'exec@demo.test' },
  { role: 'em', email: 'em@demo.test' },
  { role: 'engineer', email: 'lead@demo.test' },
  { role: 'viewer', email: 'viewer@demo.test' },
];
const WIDTHS = [
  { name: 'laptop', viewport: { width: 1366, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

// Single sign-on on, so that the sign-in page is crawled as its users see it; the provider is never asked here.
const port = await freePort();
const app = setUpAppServer({
  port,
  env: { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'strat-tracker', OIDC_CLIENT_SECRET: 'crawl-secret', APP_URL: `http://localhost:${port}` },
});
const chrome = setUpBrowser();

it('knows every page route of the app', () => {
  expect(Object.keys(PAGES).sort()).toEqual(pageRoutes());
});

type Expected = { status: number; signedIn: boolean };

function expectedFor(visit: Visit, role: Role | null): Expected {
  if (visit.permission === null) return { status: 200, signedIn: false };
  return { status: role && can(role, visit.permission) ? 200 : 403, signedIn: true };
}

/** The header's unread count is the signed-in person's, as the API counts it. */
async function expectUnreadCount(page: Page) {
  const unread = await page.evaluate(async () => (await (await fetch('/api/v1/notifications')).json()).unread as number);
  const badge = page.getByRole('banner').getByRole('link', { name: /^Notifications/ }).locator('.unread-count');
  if (unread === 0) expect(await badge.count()).toBe(0);
  else expect(await badge.textContent()).toBe(`${unread > 99 ? '99+' : unread} unread`);
}

const standInChecks = new Map<string, Promise<boolean>>();

/**
 * The page loads no empty stand-in for a server module: the browser build replaces `.server` modules with
 * `module.exports = {}`, and unless esbuild may drop them (scripts/patches), each one routes share is a request.
 */
async function expectNoEmptyScripts(page: Page) {
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)
    .filter((url) => url.endsWith('.js')));
  const empty: string[] = [];
  for (const url of scripts) {
    if (!standInChecks.has(url)) standInChecks.set(url, fetch(url).then(async (answer) => (await answer.text()).includes('.exports={}}')));
    if (await standInChecks.get(url)) empty.push(new URL(url).pathname);
  }
  expect(empty, 'empty stand-ins for server modules').toEqual([]);
}

/** Opens a page and checks what every page must hold: the status, no error of any kind, axe, no sideways scroll. */
async function checkPage(page: Page, baseUrl: string, visit: Visit, expected: Expected, javaScript: boolean) {
  const problems: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    // The browser reports the document's own refusal status; that one is expected.
    if (message.type() === 'error' && !message.text().includes(`status of ${expected.status}`)) {
      problems.push(`${message.text()} (${message.location().url})`);
    }
  };
  const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  try {
    const response = await page.goto(`${baseUrl}${visit.path}`, { waitUntil: javaScript ? 'networkidle' : 'load' });
    expect(response?.status()).toBe(expected.status);
    if (visit.then && expected.status === 200) {
      await visit.then.run(page);
      if (javaScript) await page.waitForLoadState('networkidle');
    }
    expect(await page.locator('.error-page').count()).toBe(expected.status === 200 ? 0 : 1);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    if (javaScript && expected.signedIn && expected.status === 200) await expectUnreadCount(page);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways, 'the page body scrolls sideways').toBeLessThanOrEqual(0);
    if (javaScript) {
      await expectCleanPage(page);
      await expectNoEmptyScripts(page);
    }
    expect(problems).toEqual([]);
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
  }
}

const visits = Object.values(PAGES).flat();
const label = (visit: Visit) => `${visit.path}${visit.then ? ` ${visit.then.name}` : ''}`;

// The roles crawl side by side, each in its own browser contexts, its pages one after another.
describe.concurrent.each([...ROLES, { role: null, email: null }])('as $role', ({ role, email }) => {
  const pages = new Map<string, Page>();
  let contexts: BrowserContext[] = [];
  const mine = visits.filter((visit) => (visit.permission === null) === (role === null));

  beforeAll(async () => {
    for (const { name, viewport } of WIDTHS) {
      for (const javaScriptEnabled of [true, false]) {
        if (!javaScriptEnabled && name === 'phone') continue;
        const context = await chrome.browser.newContext({ viewport, javaScriptEnabled });
        const page = await context.newPage();
        if (email) await signInAs(page, app.baseUrl, email);
        contexts.push(context);
        pages.set(`${name}${javaScriptEnabled ? '' : ' without JavaScript'}`, page);
      }
    }
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  for (const visit of mine) {
    const expected = expectedFor(visit, role);
    it.sequential.each(['laptop', 'phone', 'laptop without JavaScript'])(`${label(visit)} at %s answers ${expected.status}`, async (width) => {
      await checkPage(pages.get(width)!, app.baseUrl, visit, expected, !width.includes('without'));
    });
  }
});
