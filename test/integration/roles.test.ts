import { describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { setUpTestServer, setUpUserPerRole, signIn } from '../support/http-server';
import { createTestUser, TEST_PASSWORD } from '../factories/users';

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);

const PAGES: [string, Role[]][] = [
  ['/', ['exec', 'em', 'engineer', 'viewer']],
  ['/partners', ['exec', 'em', 'engineer', 'viewer']],
  ['/candidates', ['exec', 'em', 'engineer', 'viewer']],
  ['/candidates/new', ['exec', 'em']],
  ['/updates', ['exec', 'em', 'engineer', 'viewer']],
  ['/themes', ['exec', 'em', 'engineer', 'viewer']],
  ['/settings', ['exec', 'em', 'engineer', 'viewer']],
  ['/users', ['exec', 'em']],
  ['/audit', ['exec', 'em']],
];

describe('pages by role', () => {
  it.each(PAGES.flatMap(([pathname, allowed]) =>
    (['exec', 'em', 'engineer', 'viewer'] as const).map((role) => [pathname, role, allowed.includes(role) ? 200 : 403] as const),
  ))('%s for %s is %i', async (pathname, role, status) => {
    const response = await app.server.request(pathname, { cookie: cookies[role] });
    expect(response.status).toBe(status);
    if (status === 403) {
      expect(await response.text()).toContain(`Your role (${role}) may not`);
      const refusals = await app.database.db.selectFrom('audit_log').select(['actor_id', 'entity_id'])
        .where('action', '=', 'access.denied').where('actor_id', '=', users[role].id).execute();
      expect(refusals).toContainEqual({ actor_id: users[role].id, entity_id: pathname });
    }
  });

  it('send a signed-out visitor to sign in, and back afterwards', async () => {
    const response = await app.server.request('/audit');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Faudit');
  });

  it('show Users and Audit in the navigation only to those allowed', async () => {
    for (const role of ['exec', 'em', 'engineer', 'viewer'] as const) {
      const html = await (await app.server.request('/', { cookie: cookies[role] })).text();
      const allowed = role === 'exec' || role === 'em';
      expect(html.includes('href="/users"')).toBe(allowed);
      expect(html.includes('href="/audit"')).toBe(allowed);
      expect(html).toContain('Sign out');
    }
  });
});

function createUserForm(role: Role, email: string, password = 'a long enough password') {
  return new URLSearchParams({ intent: 'create', email, name: 'New Person', role, password });
}

describe('managing users', () => {
  it('lets an exec add a user, who can then sign in with that role', async () => {
    const response = await app.server.request('/users', { method: 'POST', cookie: cookies.exec, body: createUserForm('engineer', 'new.lead@example.test') });
    expect(response.status).toBe(302);
    const cookie = await signIn(app.server, 'new.lead@example.test', 'a long enough password');
    expect((await app.server.request('/users', { cookie })).status).toBe(403);
    const audit = await app.database.db.selectFrom('audit_log').select(['actor_id', 'entity_type']).where('action', '=', 'user.created').execute();
    expect(audit).toContainEqual({ actor_id: users.exec.id, entity_type: 'user' });
  });

  it('shows bad input beside its field, keeps what was typed, and never returns the password', async () => {
    const response = await app.server.request('/users', { method: 'POST', cookie: cookies.em, body: createUserForm('viewer', 'not-an-email', 'tiny secret') });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Enter a valid email address.');
    expect(html).toContain('Use at least 12 characters.');
    expect(html).toContain('value="not-an-email"');
    expect(html).not.toContain('tiny secret');
  });

  it('refuses an email already taken, beside the field', async () => {
    await app.server.request('/users', { method: 'POST', cookie: cookies.exec, body: createUserForm('viewer', 'twice@example.test') });
    const response = await app.server.request('/users', { method: 'POST', cookie: cookies.exec, body: createUserForm('viewer', 'TWICE@example.test') });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('A user with this email already exists.');
  });

  it('refuses engineers and viewers, and an EM making an exec', async () => {
    for (const role of ['engineer', 'viewer'] as const) {
      const response = await app.server.request('/users', { method: 'POST', cookie: cookies[role], body: createUserForm('viewer', `by-${role}@example.test`) });
      expect(response.status).toBe(403);
    }
    const promote = await app.server.request('/users', { method: 'POST', cookie: cookies.em, body: createUserForm('exec', 'boss@example.test') });
    expect(promote.status).toBe(403);
    expect(await app.database.db.selectFrom('users').select('id').where('email', 'in', ['boss@example.test', 'by-viewer@example.test']).execute()).toEqual([]);
  });

  it('changes a role only from the version the manager saw: a stale form is a 409', async () => {
    const target = await createTestUser(app.database.db, 'viewer');
    const change = (role: Role) => new URLSearchParams({ intent: 'change-role', userId: String(target.id), role, version: String(target.version) });
    expect((await app.server.request('/users', { method: 'POST', cookie: cookies.em, body: change('engineer') })).status).toBe(302);
    const stale = await app.server.request('/users', { method: 'POST', cookie: cookies.exec, body: change('em') });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('changed by someone else');
    const { role } = await app.database.db.selectFrom('users').select('role').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(role).toBe('engineer');
  });

  it('disabling a user stops their sessions at once', async () => {
    const target = await createTestUser(app.database.db, 'viewer');
    const cookie = await signIn(app.server, target.email, TEST_PASSWORD);
    const body = new URLSearchParams({ intent: 'disable', userId: String(target.id), version: String(target.version) });
    expect((await app.server.request('/users', { method: 'POST', cookie: cookies.em, body })).status).toBe(302);
    expect((await app.server.request('/', { cookie })).status).toBe(302);
    const again = await app.server.request('/login', { method: 'POST', body: new URLSearchParams({ email: target.email, password: TEST_PASSWORD }) });
    expect(again.status).toBe(401);
  });
});
