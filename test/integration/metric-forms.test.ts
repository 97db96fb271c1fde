import { describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer } from '../factories/customers';

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);

function post(slug: string, role: Role, fields: Record<string, string>) {
  return app.server.request(`/customers/${slug}`, { method: 'POST', cookie: cookies[role], body: new URLSearchParams(fields) });
}

const week = (overrides: Record<string, string> = {}) => ({
  intent: 'record-snapshot', weekStart: '2026-11-09', completionsShown: '1000', completionsAccepted: '320', dau: '55', availableDevelopers: '100', ...overrides,
});

async function led() {
  return createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
}

async function weeksOf(customerId: number) {
  return app.database.db.selectFrom('metric_snapshots').select(['week_start', 'dau']).where('customer_id', '=', customerId).execute();
}

describe('recording a week on the customer page', () => {
  it('lets the lead engineer record their customer, and shows the status with its values and thresholds', async () => {
    const customer = await led();
    expect((await post(customer.slug, 'engineer', week())).status).toBe(302);
    expect(await weeksOf(customer.id)).toEqual([{ week_start: '2026-11-09', dau: 55 }]);
    const page = await (await app.server.request(`/customers/${customer.slug}`, { cookie: cookies.viewer })).text();
    expect(page).toContain('Latest snapshot: week of 2026-11-09, fresh until 2026-11-29.');
    expect(page).toContain('32.0 %');
    expect(page).toContain('≥ 30 %');
    expect(page).toContain('≥ $250,000');
  });

  it('refuses another lead’s customer and viewers (403), and writes nothing', async () => {
    const other = await createTestCustomer(app.database.db, { stage: 'active' });
    expect((await post(other.slug, 'engineer', week())).status).toBe(403);
    expect((await post(other.slug, 'viewer', week())).status).toBe(403);
    expect(await weeksOf(other.id)).toEqual([]);
  });

  it('says what to fix beside the field and keeps what was typed', async () => {
    const customer = await led();
    const response = await post(customer.slug, 'engineer', week({ dau: '812', availableDevelopers: '800' }));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('DAU cannot be more than available developers: update available developers first.');
    expect(html).toContain('value="812"');
    const notMonday = await post(customer.slug, 'engineer', week({ weekStart: '2026-11-11' }));
    expect(await notMonday.text()).toContain('The week must start on a Monday.');
    const future = await post(customer.slug, 'engineer', week({ weekStart: '2026-11-23' }));
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('The week of 2026-11-23 has not started yet.');
  });

  it('warns before replacing a recorded week, and replaces it once confirmed', async () => {
    const customer = await led();
    await post(customer.slug, 'em', week());
    const warned = await post(customer.slug, 'em', week({ dau: '70' }));
    expect(warned.status).toBe(409);
    const html = await warned.text();
    expect(html).toContain('The week of 2026-11-09 is already recorded (shown 1000, accepted 320, DAU 55 of 100).');
    expect(html).toContain('Replace the recorded week');
    expect(await weeksOf(customer.id)).toEqual([{ week_start: '2026-11-09', dau: 55 }]);
    expect((await post(customer.slug, 'em', week({ dau: '70', replace: 'on' }))).status).toBe(302);
    expect(await weeksOf(customer.id)).toEqual([{ week_start: '2026-11-09', dau: 70 }]);
  });

  it('knows its latest 13 recorded weeks in the page; an older one is caught on saving', async () => {
    const customer = await led();
    const weeks = Array.from({ length: 14 }, (_, index) => new Date(Date.UTC(2026, 7, 10 + 7 * index)).toISOString().slice(0, 10));
    await app.database.db.insertInto('metric_snapshots')
      .values(weeks.map((weekStart) => ({ customer_id: customer.id, week_start: weekStart, completions_shown: 1000, completions_accepted: 300, dau: 50, available_developers: 100 })))
      .execute();
    const tooMany = { dau: '812', availableDevelopers: '800' };
    // A reply refused for another field warns of a recorded week that the page knows of, not of the oldest.
    expect(await (await post(customer.slug, 'em', week({ weekStart: weeks[1]!, ...tooMany }))).text()).toContain('Replace the recorded week');
    const oldest = await post(customer.slug, 'em', week({ weekStart: weeks[0]!, ...tooMany }));
    expect(oldest.status).toBe(422);
    expect(await oldest.text()).not.toContain('Replace the recorded week');
    const warned = await post(customer.slug, 'em', week({ weekStart: weeks[0]!, dau: '70' }));
    expect(warned.status).toBe(409);
    expect(await warned.text()).toContain('Replace the recorded week');
  });
});

describe('booking iARR on the customer page', () => {
  it('adds entries and shows the ledger with its running total and the split by kind', async () => {
    const customer = await led();
    const book = (bookedOn: string, amountUsd: string, kind: string) =>
      post(customer.slug, 'engineer', { intent: 'add-iarr', bookedOn, amountUsd, kind, note: 'signed' });
    expect((await book('2026-10-01', '100000', 'expansion')).status).toBe(302);
    expect((await book('2026-11-01', '50000', 'net_new')).status).toBe(302);
    expect((await book('2027-01-04', '25000', 'expansion')).status).toBe(302);
    const page = await (await app.server.request(`/customers/${customer.slug}`, { cookie: cookies.viewer })).text();
    expect(page).toContain('Realized by 2026-11-18: $150,000 — expansion $100,000, net new $50,000.');
    expect(page).toContain('$175,000');
    expect(page).toContain('2027-01-04 (future)');
    const invalid = await book('2026-11-01', '0', 'expansion');
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('The amount must be more than 0.');
  });
});

describe('the customer page’s trends', () => {
  it('carry the latest 13 weeks in the page and every week on request; the charts fetch the whole series', async () => {
    const customer = await led();
    const weeks = Array.from({ length: 20 }, (_, index) => {
      const weekStart = new Date(Date.UTC(2026, 6, 6 + 7 * index)).toISOString().slice(0, 10);
      return { customer_id: customer.id, week_start: weekStart, completions_shown: 1000, completions_accepted: 300 + index, dau: 50, available_developers: 100 };
    });
    await app.database.db.insertInto('metric_snapshots').values(weeks).execute();
    const rowsOf = (html: string) => html.match(/<tr><th scope="row">2026-\d\d-\d\d<\/th><td class="number">3\d\.\d %/g) ?? [];

    const page = await (await app.server.request(`/customers/${customer.slug}`, { cookie: cookies.viewer })).text();
    expect(page).toContain('Completions accepted, the latest 13 of 20');
    expect(page).toContain(`href="/customers/${customer.slug}?weeks=all"`);
    expect(page).not.toContain('>2026-07-06</th><td class="number">30.0 %');
    expect(page).toContain('>2026-11-16</th><td class="number">31.9 %');
    // Each chart is drawn in the page, from every week.
    expect(page).toMatch(/<svg [^>]*role="img" aria-label="Completions accepted: 31.9 % in 2026-11-16, against a threshold of [\d.]+ %\."/);
    expect(/<path d="(M[^"]+)" class="sketch-value"/.exec(page)![1]!.match(/[ML]/g)).toHaveLength(20);
    const every = await (await app.server.request(`/customers/${customer.slug}?weeks=all`, { cookie: cookies.viewer })).text();
    expect(rowsOf(every).length).toBeGreaterThan(rowsOf(page).length);
    expect(every).toContain('>2026-07-06</th><td class="number">30.0 %');

    const response = await app.server.request(`/customers/${customer.slug}/trends`, { cookie: cookies.viewer });
    expect(response.status).toBe(200);
    const series = (await response.json()) as Record<'acceptance' | 'dau' | 'iarr', { label: string; value: number | null }[]>;
    expect(series.acceptance.map((point) => point.label)).toEqual(weeks.map((row) => row.week_start));
    expect(series.acceptance.at(-1)!.value).toBeCloseTo(31.9, 5);
    expect((await app.server.request(`/customers/${customer.slug}/trends`)).status).toBe(302);
    expect((await app.server.request('/customers/no-such-customer/trends', { cookie: cookies.viewer })).status).toBe(404);
  });
});
