import { beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '~/auth/api-tokens.server';
import { setUpTestServer, signIn, startTestServer } from '../support/http-server';
import { createTestCustomer, createTestPartner } from '../factories/customers';
import { createTestUser, TEST_PASSWORD, TEST_SETUP } from '../factories/users';

// Run on the PostgreSQL server only, where requests really overlap; PGlite runs one statement at a time.
const app = setUpTestServer();
let execTokens: string[];
let emCookies: string[];

beforeAll(async () => {
  const execs = [await createTestUser(app.database.db, 'exec'), await createTestUser(app.database.db, 'exec')];
  execTokens = await Promise.all(execs.map(async (exec) => (await issueApiToken(app.database.db, { userId: exec.id, name: 'race', by: TEST_SETUP })).token));
  const ems = [await createTestUser(app.database.db, 'em'), await createTestUser(app.database.db, 'em')];
  emCookies = [await signIn(app.server, ems[0]!.email, TEST_PASSWORD), await signIn(app.server, ems[1]!.email, TEST_PASSWORD)];
});

function approve(token: string, slug: string) {
  return app.server.request(`/api/v1/customers/${slug}/decisions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision: 'approve', rationale: 'Strong fit' }),
  });
}

describe('concurrent requests', () => {
  it('let exactly one of two simultaneous approvals take the last free place', async () => {
    for (let round = 0; round < 5; round += 1) {
      await app.database.db.updateTable('customers').set({ stage: 'ended' }).where('stage', '=', 'active').execute();
      await createTestPartner(app.database.db);
      await createTestPartner(app.database.db);
      const [first, second] = [await createTestCustomer(app.database.db), await createTestCustomer(app.database.db)];
      const responses = await Promise.all([approve(execTokens[0]!, first.slug), approve(execTokens[1]!, second.slug)]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      const refused = responses.find((response) => response.status === 409)!;
      expect((await refused.json()).error.reasons).toContainEqual({ kind: 'capacity', active: 3, capacity: 3 });
      const active = await app.database.db.selectFrom('customers').select('id').where('stage', '=', 'active').execute();
      expect(active).toHaveLength(3);
    }
  });

  it('let one of two simultaneous edits from the same version through, and refuse the other with 409', async () => {
    const candidate = await createTestCustomer(app.database.db);
    const edit = (cookie: string, visionAlignment: string) =>
      app.server.request(`/customers/${candidate.slug}`, {
        method: 'POST',
        cookie,
        body: new URLSearchParams({
          intent: 'edit-answers', version: String(candidate.version), name: candidate.name, strategicSegment: 'yes',
          coMarket: 'high', newIndustry: 'no', visionAlignment,
        }),
      });
    const responses = await Promise.all([edit(emCookies[0]!, 'low'), edit(emCookies[1]!, 'medium')]);
    expect(responses.map((response) => response.status).sort()).toEqual([302, 409]);
    const evaluations = await app.database.db.selectFrom('framework_evaluations').select('id').where('customer_id', '=', candidate.id).execute();
    expect(evaluations).toHaveLength(2);
  });
});

describe('concurrent feedback', () => {
  it('files two entries naming the same new theme at once under one theme', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const entry = (body: string) =>
      app.server.request(`/api/v1/customers/${customer.slug}/progress`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${execTokens[0]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'feedback', occurredOn: '2026-11-17', body, theme: { name: 'Raced theme', owningTeam: 'Cody Context' } }),
      });
    const responses = await Promise.all([entry('first'), entry('second'), entry('third')]);
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    const themes = await app.database.db.selectFrom('feedback_themes').select('id').where('name', '=', 'Raced theme').execute();
    expect(themes).toHaveLength(1);
    const entries = await app.database.db.selectFrom('progress_entries').select('theme_id').where('customer_id', '=', customer.id).execute();
    expect(entries.map((row) => row.theme_id)).toEqual([themes[0]!.id, themes[0]!.id, themes[0]!.id]);
  });
});

describe('concurrent writes of one fact', () => {
  it('book 20 identical iARR writes with one external id once, and skip the other 19', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const body = JSON.stringify({ entries: [{ customer: customer.slug, bookedOn: '2026-11-02', amountUsd: 5000, kind: 'expansion', externalId: 'crm-race-1' }] });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.server.request('/api/v1/iarr', { method: 'POST', headers: { Authorization: `Bearer ${execTokens[0]}`, 'Content-Type': 'application/json' }, body }),
      ),
    );
    const results = await Promise.all(responses.map((response) => response.json()));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(results.filter((result) => result.inserted === 1)).toHaveLength(1);
    expect(results.filter((result) => result.skipped === 1)).toHaveLength(19);
    const rows = await app.database.db.selectFrom('iarr_entries').select('id').where('external_id', '=', 'crm-race-1').execute();
    expect(rows).toHaveLength(1);
  });

  it('record 20 first recordings of one new week from the page once, and refuse the rest with the 409', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const week = (dau: number) =>
      app.server.request(`/customers/${customer.slug}`, {
        method: 'POST',
        cookie: emCookies[dau % 2],
        body: new URLSearchParams({
          intent: 'record-snapshot', weekStart: '2026-11-09', completionsShown: '1000', completionsAccepted: '400', dau: String(dau), availableDevelopers: '100',
        }),
      });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => week(index + 1)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 302)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const refusal = await responses.find((response) => response.status === 409)!.text();
    expect(refusal).toContain('is already recorded');
    const stored = await app.database.db.selectFrom('metric_snapshots').select('dau').where('customer_id', '=', customer.id).execute();
    expect(stored).toHaveLength(1);
    expect(statuses[stored[0]!.dau - 1]).toBe(302);
  });
});

describe('a burst of sign-ins', () => {
  const attempt = (server: { request: typeof app.server.request }, email: string, password: string) =>
    server.request('/login', { method: 'POST', body: new URLSearchParams({ email, password }) });

  it('checks at most 10 passwords of 60 sent to one account at once, the right one included', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const passwords = Array.from({ length: 60 }, (_, index) => (index === 45 ? TEST_PASSWORD : `wrong password ${index}`));
    const statuses = (await Promise.all(passwords.map((password) => attempt(app.server, user.email, password)))).map((response) => response.status);
    const checked = statuses.filter((status) => status !== 429);
    expect(checked).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
    expect((await attempt(app.server, user.email, TEST_PASSWORD)).status).toBe(429);
  });

  it('holds the limit across two instances sharing the database', async () => {
    const second = await startTestServer(app.database.db);
    try {
      const user = await createTestUser(app.database.db, 'viewer');
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, index) => attempt(index % 2 ? second : app.server, user.email, `wrong password ${index}`)),
      );
      expect(responses.filter((response) => response.status === 401)).toHaveLength(10);
    } finally {
      await second.close();
    }
  });
});
