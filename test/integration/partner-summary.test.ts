import { beforeAll, expect, it } from 'vitest';
import { addDays } from '~/domain/dates';
import { createTestCustomer } from '../factories/customers';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);

// The test server's clock: 2026-11-18. The summary's wins and risks are those of the 28 days up to it.
const TODAY = '2026-11-18';
let slug: string;

beforeAll(async () => {
  const { db } = app.database;
  const customer = await createTestCustomer(db, { stage: 'active', name: 'Lumen Freight', leadEngineerId: users.engineer.id });
  slug = customer.slug;
  const entry = (kind: 'win' | 'risk' | 'blocker' | 'progress', daysAgo: number, body: string, resolved = false) => ({
    customer_id: customer.id, kind, occurred_on: addDays(TODAY, -daysAgo), body, author_id: users.engineer.id,
    ...(resolved ? { resolved_at: new Date(), resolved_by: users.em.id, resolution_note: 'Fixed.' } : {}),
  });
  await db.insertInto('progress_entries').values([
    entry('win', 0, 'Win of today'), entry('win', 27, 'Win of 27 days ago'), entry('win', 28, 'Win of 28 days ago'),
    entry('risk', 3, 'Risk of this week'), entry('blocker', 40, 'Blocker still open'), entry('blocker', 2, 'Blocker resolved', true),
    entry('progress', 1, 'Plain progress'),
  ]).execute();
  await db.insertInto('iarr_entries').values([
    { customer_id: customer.id, booked_on: '2026-10-01', amount_usd: 120_000, kind: 'expansion', recorded_by: users.em.id },
    { customer_id: customer.id, booked_on: '2026-11-02', amount_usd: 45_000, kind: 'net_new', recorded_by: users.em.id },
    { customer_id: customer.id, booked_on: '2026-12-20', amount_usd: 99_000, kind: 'net_new', recorded_by: users.em.id },
  ]).execute();
  await db.insertInto('metric_snapshots').values({
    customer_id: customer.id, week_start: '2026-11-16', completions_shown: 1000, completions_accepted: 420, dau: 300, available_developers: 1000,
    recorded_by: users.em.id,
  }).execute();
  await db.insertInto('objectives').values([
    { customer_id: customer.id, title: 'Roll out to the data team', owner_id: users.engineer.id, due_on: '2026-11-10', status: 'in_progress', created_at: new Date(), updated_at: new Date() },
    { customer_id: customer.id, title: 'Pilot retired', owner_id: null, due_on: '2026-12-10', status: 'dropped', created_at: new Date(), updated_at: new Date() },
  ]).execute();
});

it('gives the status against thresholds, iARR by kind, the plan, open blockers and the last four weeks of wins and risks', async () => {
  const response = await app.server.request(`/customers/${slug}/summary`, { cookie: cookies.viewer });
  expect(response.status).toBe(200);
  const html = (await response.text()).replaceAll('<!-- -->', '');
  expect(html).toContain('Lumen Freight: partner summary');
  expect(html).toContain(`Lead engineer: ${users.engineer.name}`);
  expect(html).toContain('Latest snapshot: week of 2026-11-16');
  expect(html).toMatch(/42\.0 %<\/td><td class="number">≥ 30 %<\/td><td>meets/);
  expect(html).toMatch(/30\.0 %<\/td><td class="number">≥ 50 %<\/td><td>below/);
  expect(html).toContain('Realized by 2026-11-18: $165,000 — expansion $120,000, net new $45,000.');
  expect(html).toContain('0 of 1 objective done (0.0 %)');
  expect(html).toMatch(/Roll out to the data team<\/strong> · In progress · due 2026-11-10<strong class="overdue"> \(overdue\)/);
  expect(html).not.toContain('Pilot retired</strong>');
  expect(html).toContain('Blocker still open');
  expect(html).not.toContain('Blocker resolved');
  expect(html).toContain('Win of today');
  expect(html).toContain('Win of 27 days ago');
  expect(html).not.toContain('Win of 28 days ago');
  expect(html).toContain('Risk of this week');
  expect(html).not.toContain('Plain progress');
  expect(html).toContain('Wins since 2026-10-22');
  expect(html.match(/<svg class="small-trend"/g)).toHaveLength(3);
});

it('is for signed-in users only, and a 404 for an unknown customer', async () => {
  const anonymous = await app.server.request(`/customers/${slug}/summary`);
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get('Location')).toMatch(/^\/login/);
  const unknown = await app.server.request('/customers/no-such-partner/summary', { cookie: cookies.exec });
  expect(unknown.status).toBe(404);
});
