import { beforeAll, expect, it } from 'vitest';
import { createTestCustomer } from '../factories/customers';
import { callApi, setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

// The test server's clock: 2026-11-18. One partner handed off 12 weeks ago today (watched), one the day before.
const graduates: Record<string, { id: number; slug: string }> = {};

beforeAll(async () => {
  const { db } = app.database;
  for (const [name, exitedOn] of [['Watched Graduate', '2026-08-26'], ['Earlier Graduate', '2026-08-25']] as const) {
    const customer = await createTestCustomer(db, { stage: 'handed_off', name });
    await db.insertInto('handoffs').values({ customer_id: customer.id, outcome: 'handed_off', receiving_team: 'Enterprise Success', exit_notes: 'Runbook shared.', exited_on: exitedOn, recorded_by: users.em.id }).execute();
    await db.insertInto('iarr_entries').values({ customer_id: customer.id, booked_on: '2026-06-01', amount_usd: 300_000, kind: 'expansion', recorded_by: users.em.id }).execute();
    graduates[name] = customer;
  }
});

const snapshot = (slug: string, dau: number) => ({
  snapshots: [{ customer: slug, weekStart: '2026-11-16', completionsShown: 1000, completionsAccepted: 400, dau, availableDevelopers: 100 }],
});
const statusEvents = async () =>
  (await (await callApi(app.server, tokens.em, '/api/v1/notifications')).json()).notifications.filter((notification: { event: string }) => notification.event === 'partner.status_changed');

it('lists graduates watched for 12 weeks after their exit on the partners page and the dashboard', async () => {
  const partners = await (await app.server.request('/partners', { cookie: cookies.viewer })).text();
  const watched = partners.slice(partners.indexOf('<h2>Graduated</h2>'), partners.indexOf('<h2>Handed off earlier</h2>'));
  expect(watched).toContain('>Watched Graduate</a>');
  expect(watched).not.toContain('Earlier Graduate');
  expect(partners.slice(partners.indexOf('<h2>Handed off earlier</h2>'))).toContain('>Earlier Graduate</a>');
  const dashboard = await (await app.server.request('/', { cookie: cookies.viewer })).text();
  const section = dashboard.slice(dashboard.indexOf('id="graduates-title"'), dashboard.indexOf('</section>', dashboard.indexOf('id="graduates-title"')));
  expect(section).toContain('>Watched Graduate</a>');
  expect(section).not.toContain('Earlier Graduate');
});

it('raises partner.status_changed for a watched graduate, and not for one handed off earlier', async () => {
  expect((await callApi(app.server, tokens.em, '/api/v1/metrics', { body: snapshot(graduates['Watched Graduate']!.slug, 60) })).status).toBe(200);
  expect((await statusEvents()).map((event: { text: string }) => event.text)).toEqual(['Watched Graduate is now succeeding (was no data).']);
  expect((await callApi(app.server, tokens.em, '/api/v1/metrics', { body: snapshot(graduates['Earlier Graduate']!.slug, 60) })).status).toBe(200);
  expect(await statusEvents()).toHaveLength(1);
});
