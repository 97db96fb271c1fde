import { describe, expect, it } from 'vitest';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer } from '../factories/customers';

const app = setUpTestServer();
const { cookies, tokens } = setUpUserPerRole(app);

function feedback(slug: string, body: string, theme: unknown, occurredOn = '2026-11-16') {
  return app.server.request(`/api/v1/customers/${slug}/progress`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.exec}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'feedback', occurredOn, body, theme }),
  });
}

describe('the feedback themes page', () => {
  it('shows each theme with its team, how many customers raised it, its entries and the latest date, widest first', async () => {
    const [acme, globex, initech] = await Promise.all([1, 2, 3].map(() => createTestCustomer(app.database.db, { stage: 'active' })));
    expect((await feedback(acme!.slug, 'Context misses sibling repos', { name: 'Multi-repo context', owningTeam: 'Cody Context' })).status).toBe(201);
    await feedback(globex!.slug, 'Sibling repos again', 'Multi-repo context', '2026-11-17');
    await feedback(globex!.slug, 'And *again*', 'Multi-repo context', '2026-11-10');
    await feedback(initech!.slug, 'Slow on a 40 GB monorepo', { name: 'Monorepo latency', owningTeam: 'Cody Platform' }, '2026-11-18');
    await feedback(initech!.slug, 'SAML expiry', { name: 'Sign-in friction', owningTeam: 'Identity' }, '2026-11-02');
    await feedback(initech!.slug, 'SAML expiry again', 'Sign-in friction', '2026-11-09');
    await app.database.db.insertInto('feedback_themes').values({ name: 'Not raised yet', owning_team: 'Nobody' }).execute();

    const response = await app.server.request('/themes', { cookie: cookies.viewer });
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = [...html.matchAll(/<tr><th scope="row"><a href="#theme-\d+">([^<]+)<\/a><\/th><td>([^<]+)<\/td><td class="number">(\d+)<\/td><td class="number">(\d+)<\/td><td>([^<]+)<\/td><\/tr>/g)];
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['Multi-repo context', 'Cody Context', '2', '3', '2026-11-17'],
      // As many customers as the next, but more entries: raised more, though less lately.
      ['Sign-in friction', 'Identity', '1', '2', '2026-11-09'],
      ['Monorepo latency', 'Cody Platform', '1', '1', '2026-11-18'],
      ['Not raised yet', 'Nobody', '0', '0', '—'],
    ]);
    expect(html).toContain('Owned by Cody Context; raised by 2 customers in 3 entries.');
    expect(html).toContain('And <em>again</em>');
    expect(html).toContain(`href="/customers/${globex!.slug}"`);
  });
});
