import { beforeAll, expect, it } from 'vitest';
import { createTestCustomer } from '../factories/customers';
import { callApi, setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { users, tokens, cookies } = setUpUserPerRole(app);

// The test server's clock: 2026-11-18.
let mine: { slug: string };
let theirs: { slug: string };
let candidate: { slug: string };

beforeAll(async () => {
  const { db } = app.database;
  mine = await createTestCustomer(db, { stage: 'active', name: 'Led Partner', leadEngineerId: users.engineer.id });
  theirs = await createTestCustomer(db, { stage: 'active', name: 'Other Partner' });
  candidate = await createTestCustomer(db, { name: 'Still Candidate' });
});

const objective = { title: 'Roll out to the payments org', dueOn: '2026-11-30', links: ['https://github.com/acme/infra/pull/12'] };
const post = (slug: string, role: keyof typeof tokens, body: unknown) => callApi(app.server, tokens[role], `/api/v1/customers/${slug}/objectives`, { body });
const patch = (id: number, role: keyof typeof tokens, body: unknown) => callApi(app.server, tokens[role], `/api/v1/objectives/${id}`, { method: 'PATCH', body });

it('lets the lead engineer, EMs and execs write a plan; others are refused', async () => {
  const created = await post(mine.slug, 'engineer', { ...objective, ownerEmail: users.engineer.email.toUpperCase() });
  expect(created.status).toBe(201);
  expect((await created.json()).objective).toEqual({
    id: expect.any(Number), version: 1, title: objective.title, owner: { email: users.engineer.email, name: users.engineer.name },
    dueOn: '2026-11-30', status: 'planned', links: objective.links, notes: '', doneOn: null, overdue: false,
  });
  expect((await post(theirs.slug, 'engineer', objective)).status).toBe(403);
  expect((await post(mine.slug, 'viewer', objective)).status).toBe(403);
  expect((await post(theirs.slug, 'em', objective)).status).toBe(201);
  expect((await post(theirs.slug, 'exec', { ...objective, status: 'done' })).status).toBe(201);
  expect((await post(candidate.slug, 'em', objective)).status).toBe(409);
  expect((await post('nobody', 'em', objective)).status).toBe(404);
  const plan = await (await callApi(app.server, tokens.viewer, `/api/v1/customers/${theirs.slug}/objectives`)).json();
  expect(plan.objectives.map((entry: { status: string; doneOn: string | null }) => [entry.status, entry.doneOn])).toEqual([['planned', null], ['done', '2026-11-18']]);
});

it('refuses links other than http and https, dates outside 2000–2100, unknown owners and statuses, each by its field', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...objective, links: ['javascript:alert(1)'] }, 'links[0]'],
    [{ ...objective, links: ['https://ok.example', 'ftp://files.example/x'] }, 'links[1]'],
    [{ ...objective, dueOn: '1999-12-31' }, 'dueOn'],
    [{ ...objective, dueOn: '2026-02-30' }, 'dueOn'],
    [{ ...objective, ownerEmail: 'ghost@example.test' }, 'ownerEmail'],
    [{ ...objective, status: 'finished' }, 'status'],
    [{ ...objective, title: '  ' }, 'title'],
  ];
  for (const [body, field] of cases) {
    const response = await post(mine.slug, 'em', body);
    expect(response.status, field).toBe(422);
    expect(Object.keys((await response.json()).error.fields), field).toEqual([field]);
  }
});

it('edits under a version: a stale one is a 409; doneOn follows the status', async () => {
  const { objective: created } = await (await post(mine.slug, 'engineer', { ...objective, dueOn: '2026-11-10' })).json();
  expect(created.overdue).toBe(true);
  const done = await patch(created.id, 'engineer', { version: 1, status: 'done' });
  expect((await done.json()).objective).toMatchObject({ version: 2, status: 'done', doneOn: '2026-11-18', overdue: false });
  const stale = await patch(created.id, 'em', { version: 1, title: 'Mine' });
  expect(stale.status).toBe(409);
  expect((await stale.json()).error.code).toBe('version_conflict');
  const reopened = await (await patch(created.id, 'em', { version: 2, status: 'in_progress', ownerEmail: null })).json();
  expect(reopened.objective).toMatchObject({ version: 3, status: 'in_progress', doneOn: null, owner: null, overdue: true });
  expect((await patch(created.id, 'viewer', { version: 3, status: 'done' })).status).toBe(403);
  expect((await patch(999_999, 'em', { version: 1 })).status).toBe(404);
  expect((await patch(created.id, 'em', { version: 3, links: ['data:text/html,x'] })).status).toBe(422);
  const audit = await app.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'objectives').execute();
  expect(audit.filter((entry) => entry.action === 'objective.updated')).toHaveLength(2);
});

it('on the customer page: the lead adds an objective, marks it done, and the EM’s weekly draft lists it', async () => {
  const form = (fields: Record<string, string>, role: 'engineer' | 'viewer' = 'engineer') =>
    app.server.request(`/customers/${mine.slug}`, { method: 'POST', cookie: cookies[role], body: new URLSearchParams(fields) });
  const fields = { intent: 'add-objective', title: 'Index the monorepo', ownerEmail: users.engineer.email, dueOn: '2026-11-25', status: 'planned', links: 'https://github.com/acme/mono/pull/1\n\n', notes: '' };
  expect((await form({ ...fields, links: 'javascript:alert(1)' })).status).toBe(422);
  expect((await form(fields, 'viewer')).status).toBe(403);
  expect((await form(fields)).status).toBe(302);
  const page = await (await app.server.request(`/customers/${mine.slug}`, { cookie: cookies.engineer })).text();
  expect(page).toContain('Index the monorepo');
  expect(page).toContain('href="https://github.com/acme/mono/pull/1" rel="noopener noreferrer nofollow"');

  const [row] = await app.database.db.selectFrom('objectives').select(['id', 'version']).where('title', '=', 'Index the monorepo').execute();
  const edit = { ...fields, intent: 'edit-objective', objectiveId: String(row!.id), version: String(row!.version), status: 'done' };
  expect((await form(edit)).status).toBe(302);
  const stale = await form({ ...edit, title: 'Typed again' });
  expect(stale.status).toBe(409);
  expect(await stale.text()).toContain('value="Typed again"');

  const draft = await (await app.server.request('/updates/2026-11-16', { cookie: cookies.em })).text();
  expect(draft).toContain('- **Led Partner**: Index the monorepo (2026-11-18)');
  expect(draft).toContain('- **Other Partner**: Roll out to the payments org (due 2026-11-30)');
});


it('shows each person’s objectives due within 14 days on their home, and the lead’s under My partners', async () => {
  const home = await (await app.server.request('/', { cookie: cookies.engineer })).text();
  const owned = home.slice(home.indexOf('id="my-objectives-title"'), home.indexOf('</section>', home.indexOf('id="my-objectives-title"')));
  // The engineer owns the one due 2026-11-30 (12 days on); the overdue one was left unowned, the done one is not listed.
  expect(owned).toContain('Roll out to the payments org (due 2026-11-30)');
  expect(owned).not.toContain('overdue');
  expect(owned).not.toContain('Index the monorepo');
  // Under My partners: every objective of the partner due soon, whoever owns it.
  const partners = home.slice(home.indexOf('id="my-partners-title"'));
  expect(partners.replaceAll('<!-- -->', '')).toContain('Objectives due soon: Roll out to the payments org (due 2026-11-10, overdue); Roll out to the payments org (due 2026-11-30)');
  expect(await (await app.server.request('/', { cookie: cookies.viewer })).text()).not.toContain('my-objectives-title');
});
