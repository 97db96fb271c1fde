import { describe, expect, it } from 'vitest';
import { createTestCustomer } from '../factories/customers';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

/** Logs a progress entry through the page's form; returns the redirect's flash cookie (`name=value`). */
async function logProgress(slug: string) {
  const response = await app.server.request(`/customers/${slug}`, {
    method: 'POST',
    cookie: cookies.engineer,
    body: new URLSearchParams({ intent: 'log-progress', submissionKey: crypto.randomUUID(), kind: 'win', occurredOn: '2026-11-17', body: 'Shipped.', routing: 'none' }),
  });
  expect(response.status).toBe(302);
  const flash = response.headers.getSetCookie().find((cookie) => cookie.startsWith('strat_flash='));
  expect(flash).toMatch(/HttpOnly/i);
  return flash!.split(';')[0]!;
}

describe('the message after a write', () => {
  it('shows once on the page the write redirects to', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
    const flash = await logProgress(customer.slug);
    const page = await app.server.request(`/customers/${customer.slug}`, { cookie: `${cookies.engineer}; ${flash}` });
    expect(flashOf(await page.text())).toBe('Win logged.');
    expect(page.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^strat_flash=;.*Max-Age=0/));
    expect(flashOf(await (await app.server.request(`/customers/${customer.slug}`, { cookie: cookies.engineer })).text())).toBeNull();
  });

  it('is not hidden by the page cache, nor kept in it', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
    const flash = await logProgress(customer.slug);
    const view = async (cookie: string) => flashOf(await (await app.server.request(`/customers/${customer.slug}`, { cookie })).text());
    expect(await view(cookies.engineer)).toBeNull();
    expect(await view(`${cookies.engineer}; ${flash}`)).toBe('Win logged.');
    expect(await view(cookies.engineer)).toBeNull();
  });

  it('says what each kind of write did', async () => {
    const settings = await app.server.request('/settings', {
      method: 'POST',
      cookie: cookies.exec,
      body: new URLSearchParams({ intent: 'change-settings', version: '0', acceptancePct: '30', dauPct: '50', iarrUsd: '250000', staleWindowDays: '21', capacity: '3' }),
    });
    const candidate = await app.server.request('/candidates/new', {
      method: 'POST',
      cookie: cookies.em,
      body: new URLSearchParams({ name: 'Flash Freight', strategicSegment: 'yes', coMarket: 'high', newIndustry: 'no', visionAlignment: 'high' }),
    });
    for (const [response, message] of [[settings, 'Settings saved.'], [candidate, 'Flash Freight is added as a candidate.']] as const) {
      expect(response.status).toBe(302);
      const flash = response.headers.getSetCookie().find((cookie) => cookie.startsWith('strat_flash='))!.split(';')[0]!;
      const page = await app.server.request(response.headers.get('Location')!, { cookie: `${cookies.exec}; ${flash}` });
      expect(flashOf(await page.text())).toBe(message);
    }
  });
});
