import { describe, expect, it } from 'vitest';
import { LOG_PAGE } from '~/domain/progress';
import type { Role } from '~/domain/roles';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer } from '../factories/customers';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

// The test server's clock: Wednesday 2026-11-18.
const entryForm = (overrides: Record<string, string> = {}) => ({
  intent: 'log-progress', submissionKey: crypto.randomUUID(), kind: 'blocker', occurredOn: '2026-11-17', body: 'Proxy strips **streaming** responses.',
  routing: 'none', ...overrides,
});

function postForm(slug: string, role: Role, fields: Record<string, string>, search = '') {
  return app.server.request(`/customers/${slug}${search}`, { method: 'POST', cookie: cookies[role], body: new URLSearchParams(fields) });
}

function postApi(slug: string, role: Role, body: unknown) {
  return app.server.request(`/api/v1/customers/${slug}/progress`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function pageOf(slug: string, search = '') {
  const response = await app.server.request(`/customers/${slug}${search}`, { cookie: cookies.viewer });
  expect(response.status).toBe(200);
  return response.text();
}

async function entriesOf(customerId: number) {
  return app.database.db
    .selectFrom('progress_entries')
    .select(['id', 'kind', 'body', 'routed_to', 'theme_id', 'resolved_at', 'resolution_note', 'version'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
}

async function led() {
  return createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
}

describe('logging progress on the customer page', () => {
  it('lets the lead engineer, the EM and an exec log; the entry shows on the page as Markdown', async () => {
    const customer = await led();
    for (const role of ['engineer', 'em', 'exec'] as const) {
      expect((await postForm(customer.slug, role, entryForm({ body: `Logged by the ${role} with **bold** text.` }))).status).toBe(302);
    }
    expect((await entriesOf(customer.id)).map((entry) => entry.body)).toEqual([
      'Logged by the engineer with **bold** text.', 'Logged by the em with **bold** text.', 'Logged by the exec with **bold** text.',
    ]);
    const html = await pageOf(customer.slug);
    expect(html).toContain('Logged by the em with <strong>bold</strong> text.');
    const audit = await app.database.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'progress.logged').where('entity_id', '=', String((await entriesOf(customer.id))[0]!.id)).execute();
    expect(audit).toEqual([{ actor_id: users.engineer.id }]);
  });

  it('refuses another lead’s customer and viewers with 403, on the page and through the API, and logs nothing', async () => {
    const other = await createTestCustomer(app.database.db, { stage: 'active' });
    expect((await postForm(other.slug, 'engineer', entryForm())).status).toBe(403);
    expect((await postForm(other.slug, 'viewer', entryForm())).status).toBe(403);
    expect((await postApi(other.slug, 'engineer', { kind: 'progress', occurredOn: '2026-11-17', body: 'Hi' })).status).toBe(403);
    expect((await postApi(other.slug, 'viewer', { kind: 'progress', occurredOn: '2026-11-17', body: 'Hi' })).status).toBe(403);
    expect(await entriesOf(other.id)).toEqual([]);
  });

  it('says what to fix beside each field and keeps what was typed', async () => {
    const customer = await led();
    const noTheme = await postForm(customer.slug, 'engineer', entryForm({ kind: 'feedback', body: 'Wants sibling-repo context' }));
    expect(noTheme.status).toBe(422);
    const html = await noTheme.text();
    expect(html).toContain('Feedback needs a theme: pick one, or name a new one with its owning team.');
    expect(html).toContain('Wants sibling-repo context</textarea>');
    const future = await postForm(customer.slug, 'engineer', entryForm({ occurredOn: '2026-11-19' }));
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('Give a date no later than today (2026-11-18).');
    const empty = await postForm(customer.slug, 'engineer', entryForm({ body: '   ' }));
    expect(await empty.text()).toContain('Write what happened.');
    const noTeam = await postForm(customer.slug, 'engineer', entryForm({ kind: 'request', routing: 'platform' }));
    expect(await noTeam.text()).toContain('Name the platform team the request goes to.');
    expect(await entriesOf(customer.id)).toEqual([]);
  });

  it('logs one entry when the same form is submitted twice', async () => {
    const customer = await led();
    const form = entryForm();
    const responses = await Promise.all([postForm(customer.slug, 'engineer', form), postForm(customer.slug, 'engineer', form)]);
    expect(responses.map((response) => response.status)).toEqual([302, 302]);
    expect(await entriesOf(customer.id)).toHaveLength(1);
  });

  it('files feedback under a theme picked or made anew, and routes requests outside the team', async () => {
    const customer = await led();
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'feedback', body: 'Sibling repos missing', themeName: 'Multi-repo context', newThemeOwner: 'Cody Context' }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'feedback', body: 'Again sibling repos', themeName: 'multi-repo CONTEXT' }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'request', body: 'SSO group sync', routing: 'platform', platformTeam: 'Identity platform' }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'request', body: 'Password reset', routing: 'support' }));
    const unknown = await postForm(customer.slug, 'engineer', entryForm({ kind: 'feedback', body: 'x', themeName: 'No such theme' }));
    expect(unknown.status).toBe(422);
    // Shown beside the theme field, which points at it, not only carried in the page's data.
    const refused = await unknown.text();
    const error = /<p id="([^"]+)" class="field-error">No theme is named “No such theme”/.exec(refused);
    expect(error).not.toBeNull();
    expect(refused).toMatch(new RegExp(`<input[^>]*name="themeName"[^>]*aria-describedby="${error![1]}"|<input[^>]*aria-describedby="${error![1]}"[^>]*name="themeName"`));

    const entries = await entriesOf(customer.id);
    expect(entries.map((entry) => entry.routed_to)).toEqual([null, null, 'Identity platform', 'support']);
    expect(entries[0]!.theme_id).not.toBeNull();
    expect(entries[1]!.theme_id).toBe(entries[0]!.theme_id);
    const html = await pageOf(customer.slug);
    expect(html).toContain('theme: Multi-repo context (Cody Context)');
    expect(html).toContain('routed to Identity platform');
    expect(html).toContain('routed to support');
  });

  it('filters by kind and by open or resolved', async () => {
    const customer = await led();
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'win', body: 'The CTO praised Cody' }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'blocker', body: 'Proxy blocks streaming' }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'blocker', body: 'SSO misconfigured' }));
    const sso = (await entriesOf(customer.id)).find((entry) => entry.body === 'SSO misconfigured')!;
    await postForm(customer.slug, 'engineer', { intent: 'resolve-entry', entryId: String(sso.id), version: String(sso.version), resolutionNote: 'IdP fixed' });

    const blockers = await pageOf(customer.slug, '?kind=blocker');
    expect(blockers).toContain('Proxy blocks streaming');
    expect(blockers).not.toContain('The CTO praised Cody');
    const open = await pageOf(customer.slug, '?state=open');
    expect(open).toContain('Proxy blocks streaming');
    expect(open).not.toContain('SSO misconfigured');
    const resolved = await pageOf(customer.slug, '?state=resolved');
    expect(resolved).toContain('SSO misconfigured');
    expect(resolved).toContain('IdP fixed');
    expect(resolved).not.toContain('Proxy blocks streaming');
    expect(await pageOf(customer.slug, '?kind=nonsense&state=whatever')).toContain('The CTO praised Cody');
  });
});

describe('a long log', () => {
  it('shows the latest LOG_PAGE entries, and older ones when asked, keeping the filters', async () => {
    const customer = await led();
    for (let index = 1; index <= LOG_PAGE + 2; index += 1) {
      await postApi(customer.slug, 'engineer', { kind: 'progress', occurredOn: '2026-11-17', body: `Entry number ${index}.` });
    }
    const first = await pageOf(customer.slug, '?kind=progress');
    expect(first.match(/<p>Entry number \d+\.<\/p>/g)).toHaveLength(LOG_PAGE);
    expect(first).toContain(`Entry number ${LOG_PAGE + 2}.`);
    expect(first).not.toContain('Entry number 2.');
    const more = /href="(\/customers\/[^"]+)">Show older entries/.exec(first)![1]!.replaceAll('&amp;', '&');
    expect(more).toBe(`/customers/${customer.slug}?kind=progress&shown=${LOG_PAGE * 4}`);
    const all = await pageOf(customer.slug, more.slice(more.indexOf('?')));
    expect(all.match(/<p>Entry number \d+\.<\/p>/g)).toHaveLength(LOG_PAGE + 2);
    expect(all).not.toContain('Show older entries');
  });
});

describe('resolving blockers and requests', () => {
  it('resolves with a note, once; a stale version is a 409 that overwrites nothing', async () => {
    const customer = await led();
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'request', body: 'Needs an SSO fix', routing: 'escalation' }));
    const [request] = await entriesOf(customer.id);
    const resolve = (role: Role, note: string, version = request!.version) =>
      postForm(customer.slug, role, { intent: 'resolve-entry', entryId: String(request!.id), version: String(version), resolutionNote: note });

    const noNote = await resolve('engineer', ' ');
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain('Say how it was resolved.');
    expect((await resolve('engineer', 'Escalation shipped the fix')).status).toBe(302);
    const again = await resolve('em', 'Resolved twice?');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already resolved');
    const [resolved] = await entriesOf(customer.id);
    expect(resolved).toMatchObject({ resolution_note: 'Escalation shipped the fix', version: 2 });
    expect(resolved!.resolved_at).not.toBeNull();
  });

  it('refuses a stale version with a 409, and anything but a blocker or a request', async () => {
    const customer = await led();
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'blocker', body: 'Blocked' }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'win', body: 'A win' }));
    const [blocker, win] = await entriesOf(customer.id);
    const stale = await postForm(customer.slug, 'em', { intent: 'resolve-entry', entryId: String(blocker!.id), version: String(blocker!.version + 1), resolutionNote: 'Done' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('changed by someone else');
    const notResolvable = await postForm(customer.slug, 'em', { intent: 'resolve-entry', entryId: String(win!.id), version: '1', resolutionNote: 'Done' });
    expect(notResolvable.status).toBe(409);
    const otherCustomer = await led();
    const elsewhere = await postForm(otherCustomer.slug, 'em', { intent: 'resolve-entry', entryId: String(blocker!.id), version: '1', resolutionNote: 'Done' });
    expect(elsewhere.status).toBe(404);
    expect((await entriesOf(customer.id)).every((entry) => entry.resolved_at === null)).toBe(true);
  });
});

describe('Markdown in the log', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(1)">x</a>',
    '"><svg onload=alert(1)>',
  ];

  it('renders formatting but never lets script through', async () => {
    const customer = await led();
    for (const body of attacks) {
      expect((await postApi(customer.slug, 'engineer', { kind: 'progress', occurredOn: '2026-11-17', body })).status).toBe(201);
    }
    const html = await pageOf(customer.slug);
    const log = html.slice(html.indexOf('id="progress-title"'), html.indexOf('id="progress-title"') + 20_000);
    expect(log).not.toMatch(/<script>alert|<img src=x|<svg|href="javascript:|href="data:/i);
    expect(log).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('nests the writer’s headings under the log’s heading, one level at a time', async () => {
    const customer = await led();
    const body = '# Rollout\n\n#### Week one\n\n## Next\n\n###### Detail';
    expect((await postApi(customer.slug, 'engineer', { kind: 'progress', occurredOn: '2026-11-17', body })).status).toBe(201);
    const html = await pageOf(customer.slug);
    expect(html).toContain('<h3>Rollout</h3>\n<h4>Week one</h4>\n<h4>Next</h4>\n<h5>Detail</h5>');
  });

  it('shows every other text field as plain text: theme, owning team, platform team, resolution note', async () => {
    const customer = await led();
    const attack = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'feedback', body: 'x', themeName: `${attack} theme`, newThemeOwner: `${attack} team` }));
    await postForm(customer.slug, 'engineer', entryForm({ kind: 'request', body: 'y', routing: 'platform', platformTeam: `${attack} platform` }));
    const [, request] = await entriesOf(customer.id);
    await postForm(customer.slug, 'engineer', { intent: 'resolve-entry', entryId: String(request!.id), version: '1', resolutionNote: `${attack} note` });
    for (const html of [await pageOf(customer.slug), await (await app.server.request('/themes', { cookie: cookies.viewer })).text()]) {
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
      expect(main).not.toMatch(/<script>alert|<img src=x/);
      expect(main).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    }
  });
});

describe('POST /api/v1/customers/:slug/progress', () => {
  it('logs an entry with a theme and a route → 201', async () => {
    const customer = await led();
    const feedback = await postApi(customer.slug, 'engineer', {
      kind: 'feedback', occurredOn: '2026-11-16', body: 'Slow in monorepos', theme: { name: 'Monorepo latency', owningTeam: 'Cody Platform' },
    });
    expect(feedback.status).toBe(201);
    expect(await feedback.json()).toMatchObject({ id: expect.any(Number), kind: 'feedback', theme: { name: 'Monorepo latency', owningTeam: 'Cody Platform' } });
    const byName = await postApi(customer.slug, 'em', { kind: 'feedback', occurredOn: '2026-11-16', body: 'Still slow', theme: 'Monorepo latency' });
    expect(byName.status).toBe(201);
    const routed = await postApi(customer.slug, 'exec', { kind: 'request', occurredOn: '2026-11-16', body: 'Billing question', routedTo: 'support' });
    expect(routed.status).toBe(201);
    const entries = await entriesOf(customer.id);
    expect(entries).toHaveLength(3);
    expect(entries[1]!.theme_id).toBe(entries[0]!.theme_id);
    expect(entries[2]!.routed_to).toBe('support');
  });

  it('answers 401, 404, 400 and 422 as DOMAIN.md says, naming each field', async () => {
    const customer = await led();
    const anonymous = await app.server.request(`/api/v1/customers/${customer.slug}/progress`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect((await postApi('no-such-customer', 'em', { kind: 'progress', occurredOn: '2026-11-16', body: 'x' })).status).toBe(404);
    const malformed = await app.server.request(`/api/v1/customers/${customer.slug}/progress`, {
      method: 'POST', headers: { Authorization: `Bearer ${tokens.em}`, 'Content-Type': 'application/json' }, body: '{"kind":',
    });
    expect(malformed.status).toBe(400);
    const invalid = await postApi(customer.slug, 'em', { kind: 'gossip', occurredOn: '2026-13-01', body: '', routedTo: 'support' });
    expect(invalid.status).toBe(422);
    const { error } = await invalid.json();
    expect(Object.keys(error.fields).sort()).toEqual(['body', 'kind', 'occurredOn']);
    const routedWin = await postApi(customer.slug, 'em', { kind: 'win', occurredOn: '2026-11-16', body: 'x', routedTo: 'support' });
    expect((await routedWin.json()).error.fields).toEqual({ routedTo: 'Only requests are routed outside the team.' });
    const themedWin = await postApi(customer.slug, 'em', { kind: 'win', occurredOn: '2026-11-16', body: 'x', theme: 'Anything' });
    expect((await themedWin.json()).error.fields).toEqual({ theme: 'Only feedback has a theme.' });
    const unknownTheme = await postApi(customer.slug, 'em', { kind: 'feedback', occurredOn: '2026-11-16', body: 'x', theme: 'Never made' });
    expect(unknownTheme.status).toBe(422);
    expect((await unknownTheme.json()).error.fields.theme).toContain('No theme is named “Never made”');
    expect(await entriesOf(customer.id)).toEqual([]);
  });
});
