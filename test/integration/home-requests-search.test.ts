import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { seedDemoData } from '../../scripts/demo-data';
import { listOpenItems } from '~/models/progress.server';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

// The test server's clock: Wednesday 2026-11-18; this week starts 2026-11-16. The demo's lead engineer leads Northwind
// and Halcyon (active) and Fjordline (handed off); Riley leads Meridian.
beforeAll(async () => {
  await seedDemoData(app.database.db, '2026-11-18');
  const demoLead = await app.database.db.selectFrom('users').select('id').where('email', '=', 'lead@demo.test').executeTakeFirstOrThrow();
  // The test's engineer becomes the lead of the demo lead's partners.
  await app.database.db.updateTable('customers').set({ lead_engineer_id: users.engineer.id }).where('lead_engineer_id', '=', demoLead.id).execute();
});

const page = async (path: string, role: Role) => {
  const response = await app.server.request(path, { cookie: cookies[role] });
  return { status: response.status, html: await response.text() };
};

/** The attributes of the element with that id, as the page sent them. */
const attributesOf = (html: string, id: string) => {
  const tag = html.match(new RegExp(`<\\w+[^>]* id="${id}"[^>]*>`))?.[0] ?? '';
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
};

/** The text of the element with that id. */
const textOf = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1];

const section = (html: string, titleId: string) => {
  const start = html.indexOf(`aria-labelledby="${titleId}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('each role’s home', () => {
  it('gives a lead engineer “My partners”: only the active partners they lead, what is due and open', async () => {
    const { html } = await page('/', 'engineer');
    const mine = section(html, 'my-partners-title');
    expect(mine).toContain('My partners');
    expect(mine).toContain('>Halcyon Bank</a>');
    expect(mine).toContain('>Northwind Logistics</a>');
    expect(mine).not.toContain('Meridian');
    expect(mine).not.toContain('Fjordline');
    expect(mine).toContain('href="/customers/halcyon-bank#record-week">record this week’s snapshot</a>');
    expect(mine).toContain('href="/requests?customer=halcyon-bank">1 open blocker or request</a>');
    expect(mine).toContain('Blocker (2026-11-10, open): Proxy strips streaming responses');
    expect(html).toContain('The portfolio');
  });

  it('gives the EM the week: the update, partners without this week’s snapshot, blockers, requests by destination', async () => {
    const week = section((await page('/', 'em')).html, 'em-week-title');
    expect(week).toContain('href="/updates/2026-11-16">Weekly update for the week of 2026-11-16</a>: Missing; due Friday 2026-11-20 23:59.');
    for (const name of ['Halcyon Bank', 'Meridian Health Systems', 'Northwind Logistics']) expect(week).toContain(`>${name}</a>`);
    expect(week).toContain('Open blockers (1)');
    expect(week).toContain('>1 request routed to support</a>');
    expect(week).toContain('>1 request routed to Source (platform)</a>');
  });

  it('gives an exec the candidates waiting for a decision, best fit first, with eligibility', async () => {
    const waiting = section((await page('/', 'exec')).html, 'waiting-title');
    const order = ['Aurora Aerospace', 'Bellwether', 'Cobalt Energy', 'Driftwood Media'].map((name) => waiting.indexOf(name));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(waiting).toContain('Aurora Aerospace</a> · 5/5, strong fit');
    expect(waiting).toMatch(/Driftwood Media<\/a> · \d\/5, \w+ fit · not eligible/);
    expect(waiting).not.toContain('Eastgate');
  });

  it('tells a viewer plainly that nothing waits on them, with no write links', async () => {
    const { html } = await page('/', 'viewer');
    expect(html).toContain('nothing waits on you');
    expect(html).not.toContain('#record-week');
  });
});

describe('/requests', () => {
  it('lists every open blocker and request across customers, oldest first, with counts by destination', async () => {
    const { status, html } = await page('/requests', 'viewer');
    expect(status).toBe(200);
    const order = ['Password reset for a developer', 'SSO group sync', 'Proxy strips streaming'].map((text) => html.indexOf(text));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('>1 request routed to support</a>');
    expect(html).not.toContain('value="resolve-entry"');
  });

  it('filters by customer, kind, destination and age', async () => {
    const only = async (query: string) => {
      const { html } = await page(`/requests?${query}`, 'viewer');
      return ['Password reset', 'SSO group sync', 'Proxy strips'].filter((text) => html.includes(text));
    };
    expect(await only('customer=halcyon-bank')).toEqual(['Proxy strips']);
    expect(await only('kind=request')).toEqual(['Password reset', 'SSO group sync']);
    expect(await only('routedTo=support')).toEqual(['Password reset']);
    expect(await only('olderThanDays=7')).toEqual(['Password reset', 'SSO group sync', 'Proxy strips']);
    expect(await only('olderThanDays=14')).toEqual(['Password reset']);
    expect(await only('olderThanDays=30')).toEqual([]);
    // Unknown filter values are no filter.
    expect(await only('kind=constructor&olderThanDays=8')).toEqual(['Password reset', 'SSO group sync', 'Proxy strips']);
  });

  it('shows a refused note beside its field, keeping what was typed, and a refusal of the whole form above it', async () => {
    const blocker = await app.database.db.selectFrom('progress_entries').select(['id', 'version']).where('kind', '=', 'blocker').executeTakeFirstOrThrow();
    const send = async (fields: Record<string, string>) => {
      const response = await app.server.request('/requests', {
        method: 'POST', cookie: cookies.em,
        body: new URLSearchParams({ intent: 'resolve-entry', entryId: String(blocker.id), version: String(blocker.version), ...fields }),
      });
      return { status: response.status, html: await response.text() };
    };
    const tooLong = `Fixed ${'at length '.repeat(250)}`;
    const refused = await send({ resolutionNote: tooLong });
    expect(refused.status).toBe(422);
    const note = `resolve-${blocker.id}-resolutionNote`;
    expect(attributesOf(refused.html, note)).toMatchObject({ name: 'resolutionNote', value: tooLong, 'aria-invalid': 'true', 'aria-describedby': `${note}-error` });
    expect(textOf(refused.html, `${note}-error`)).toBe('Keep the note under 2,000 characters.');
    const stale = await send({ version: String(blocker.version + 1), resolutionNote: 'Done' });
    expect(stale.status).toBe(409);
    expect(attributesOf(stale.html, `resolve-${blocker.id}`)).toMatchObject({ 'aria-describedby': `resolve-${blocker.id}-error` });
    expect(textOf(stale.html, `resolve-${blocker.id}-error`)).toContain('changed by someone else');
    expect(attributesOf(stale.html, note)).toMatchObject({ value: 'Done' });
    expect(attributesOf(stale.html, note)).not.toHaveProperty('aria-invalid');
  });

  it('lets whoever may resolve on the customer’s page resolve from here, with a note, under the version', async () => {
    const blocker = await app.database.db.selectFrom('progress_entries').select(['id', 'version']).where('kind', '=', 'blocker').executeTakeFirstOrThrow();
    const request = await app.database.db.selectFrom('progress_entries').select(['id', 'version']).where('body', 'like', 'Password reset%').executeTakeFirstOrThrow();
    const resolve = (role: Role, entry: { id: number; version: number }, note = 'Fixed by the proxy team') =>
      app.server.request('/requests', {
        method: 'POST', cookie: cookies[role],
        body: new URLSearchParams({ intent: 'resolve-entry', entryId: String(entry.id), version: String(entry.version), resolutionNote: note }),
      });
    expect((await page('/requests', 'engineer')).html).toContain(`name="entryId" value="${blocker.id}"`);
    expect((await page('/requests', 'engineer')).html).not.toContain(`name="entryId" value="${request.id}"`);
    expect((await resolve('viewer', blocker)).status).toBe(403);
    expect((await resolve('engineer', request)).status).toBe(403); // Meridian is Riley's
    const noNote = await resolve('engineer', blocker, '');
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain('Say how it was resolved.');
    expect((await resolve('engineer', blocker)).status).toBe(302);
    expect((await resolve('em', blocker)).status).toBe(409);
    expect((await resolve('em', request)).status).toBe(302);
    const { html } = await page('/requests', 'viewer');
    expect(html).not.toContain('Proxy strips streaming');
    expect(html).not.toContain('Password reset');
  });
});

describe('search', () => {
  const api = (q: string | null) =>
    app.server.request(`/api/v1/search${q === null ? '' : `?q=${encodeURIComponent(q)}`}`, { headers: { Authorization: `Bearer ${tokens.viewer}` } });

  it('finds customers by name or slug in every stage, and log entries by their words, marked', async () => {
    const found = await (await api('eastgate')).json();
    expect(found.customers).toEqual([{ slug: 'eastgate-telecom', name: 'Eastgate Telecom', stage: 'rejected' }]);
    const words = await (await api('sibling repos')).json();
    expect(words.entries).toEqual([expect.objectContaining({ customer: 'halcyon-bank', kind: 'feedback', occurredOn: '2026-11-14' })]);
    expect(words.entries[0].excerpt).toContain('Context from sibling repos is missing in chat answers');
    const { html } = await page('/search?q=sibling%20repos', 'viewer');
    expect(html).toContain('<mark>sibling</mark> <mark>repos</mark>');
    expect(html).toContain('href="/customers/halcyon-bank">Halcyon Bank</a>');
  });

  it('ranks the entry matching more of the words first, and takes quotes and operators as words', async () => {
    await app.server.request('/api/v1/customers/northwind-logistics/progress', {
      method: 'POST', headers: { Authorization: `Bearer ${tokens.em}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'progress', occurredOn: '2026-11-17', body: 'Proxy fixed: streaming proxy restored, proxy tests green.' }),
    });
    const ranked = await (await api('proxy streaming')).json();
    expect(ranked.entries.map((entry: { customer: string }) => entry.customer)).toEqual(['northwind-logistics', 'halcyon-bank']);
    for (const hostile of ['"proxy', '& | ! ( )', "'; drop table customers; --", 'the', '-proxy', '<script>']) {
      const response = await api(hostile);
      expect(response.status, hostile).toBe(200);
      expect(Array.isArray((await response.json()).entries)).toBe(true);
    }
  });

  it('says what to type for an empty or one-character query, and refuses one over 100 characters', async () => {
    for (const q of [null, '', ' x ', 'a'.repeat(101)]) {
      const response = await api(q);
      expect(response.status, `${String(q).slice(0, 10)}: ${await response.clone().text()}`).toBe(422);
      expect(Object.keys((await response.json()).error.fields)).toEqual(['q']);
    }
    // 10 kB of query: refused before it reaches the search, never a 500.
    for (const huge of ['a'.repeat(10_000), 'a&|!"'.repeat(2_000)]) {
      const status = (await api(huge)).status;
      expect(status >= 400 && status < 500, String(status)).toBe(true);
    }
    expect((await page('/search', 'viewer')).html).toContain('Type part of a customer&#x27;s name or slug');
    const short = await page('/search?q=x', 'viewer');
    expect(short.status).toBe(422);
    expect(short.html).toContain('class="field-error">Type at least 2 characters');
    expect((await page('/search?q=%00%00', 'viewer')).status).toBe(400); // the HTTP layer refuses a NUL in the address
  });

  it('is in the header of every page', async () => {
    for (const path of ['/', '/partners', '/requests']) expect((await page(path, 'viewer')).html).toMatch(/action="\/search" role="search"/);
  });
});

describe('many open blockers', () => {
  it('shows the EM the oldest ten and counts them all; /requests says how many it leaves out', async () => {
    const halcyon = await app.database.db.selectFrom('customers').select('id').where('slug', '=', 'halcyon-bank').executeTakeFirstOrThrow();
    await app.database.db.insertInto('progress_entries').values(Array.from({ length: 11 }, (_, index) => ({
      customer_id: halcyon.id, kind: 'blocker' as const, occurred_on: '2026-11-17', body: `Extra blocker ${index + 1}`, author_id: users.em.id,
    }))).execute();
    const week = section((await page('/', 'em')).html, 'em-week-title');
    expect(week).toContain('Open blockers (11)');
    expect(week.match(/Extra blocker \d+/g)).toHaveLength(10);
    expect(week).toContain('href="/requests?kind=blocker">All 11 open blockers</a>');
  });

  it('/requests shows the oldest 50, and more on request', async () => {
    const halcyon = await app.database.db.selectFrom('customers').select('id').where('slug', '=', 'halcyon-bank').executeTakeFirstOrThrow();
    await app.database.db.insertInto('progress_entries').values(Array.from({ length: 50 }, (_, index) => ({
      customer_id: halcyon.id, kind: 'request' as const, occurred_on: '2026-11-18', body: `Later request ${index + 1}`, author_id: users.em.id,
    }))).execute();
    const { matching } = await listOpenItems(app.database.db, {}, '2026-11-20', 1);
    expect(matching).toBeGreaterThan(60);
    const first = (await page('/requests', 'em')).html;
    expect(first).toContain(`The oldest 50 of ${matching} open items`);
    const requestsIn = (html: string) => new Set(html.match(/Later request \d+/g)).size;
    expect(requestsIn(first)).toBeLessThan(50);
    expect(first).toContain('href="/requests?shown=200">Show more of them</a>');
    const more = (await page('/requests?shown=200', 'em')).html;
    expect(requestsIn(more)).toBe(50);
    expect(more).not.toContain('Show more of them');
  });
});
