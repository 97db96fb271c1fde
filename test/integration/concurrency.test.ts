import { beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '~/auth/api-tokens.server';
import { setUpTestServer, signIn } from '../support/http-server';
import { createTestCustomer, createTestPartner } from '../factories/customers';
import { createTestUser, TEST_PASSWORD, TEST_SETUP } from '../factories/users';

// Meaningful on the PostgreSQL server, where requests really overlap; PGlite runs one statement at a time.
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
