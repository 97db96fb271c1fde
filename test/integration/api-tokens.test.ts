import { describe, expect, it } from 'vitest';
import { issueApiToken } from '~/auth/api-tokens.server';
import { signIn, setUpTestServer } from '../support/http-server';
import { createTestUser, TEST_PASSWORD } from '../factories/users';

const app = setUpTestServer();

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.any(String) } });
}

describe('API tokens', () => {
  it('authenticate /api/v1 with the owner role, stored only as a hash', async () => {
    const owner = await createTestUser(app.database.db, 'viewer');
    const { token } = await issueApiToken(app.database.db, { userId: owner.id, name: 'script' });
    const response = await app.server.request('/api/v1/customers', bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ customers: [] });
    const stored = await app.database.db.selectFrom('api_tokens').select(['token_hash', 'last_used_at']).where('user_id', '=', owner.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.last_used_at).not.toBeNull();
  });

  it('refuse a missing, wrong, malformed, revoked or disabled owner token with 401', async () => {
    await expectUnauthorized(await app.server.request('/api/v1/customers'));
    await expectUnauthorized(await app.server.request('/api/v1/customers', bearer('st_not-a-real-token')));
    await expectUnauthorized(await app.server.request('/api/v1/customers', { headers: { Authorization: 'Basic abc' } }));
    const owner = await createTestUser(app.database.db, 'em');
    const revoked = await issueApiToken(app.database.db, { userId: owner.id, name: 'old' });
    await app.database.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', revoked.id).execute();
    await expectUnauthorized(await app.server.request('/api/v1/customers', bearer(revoked.token)));
    const live = await issueApiToken(app.database.db, { userId: owner.id, name: 'live' });
    expect((await app.server.request('/api/v1/customers', bearer(live.token))).status).toBe(200);
    await app.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', owner.id).execute();
    await expectUnauthorized(await app.server.request('/api/v1/customers', bearer(live.token)));
  });

  it('are made in the UI, shown once, and revocable there', async () => {
    const owner = await createTestUser(app.database.db, 'engineer');
    const cookie = await signIn(app.server, owner.email, TEST_PASSWORD);
    const created = await app.server.request('/settings', { method: 'POST', cookie, body: new URLSearchParams({ intent: 'create-token', name: 'laptop' }) });
    expect(created.status).toBe(201);
    const token = /st_[A-Za-z0-9_-]{43}/.exec(await created.text())?.[0];
    expect(token).toBeDefined();
    expect((await app.server.request('/api/v1/customers', bearer(token!))).status).toBe(200);
    const page = await (await app.server.request('/settings', { cookie })).text();
    expect(page).toContain('laptop');
    expect(page).not.toContain(token!);
    const { id } = await app.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', owner.id).executeTakeFirstOrThrow();
    const revoke = await app.server.request('/settings', { method: 'POST', cookie, body: new URLSearchParams({ intent: 'revoke-token', tokenId: String(id) }) });
    expect(revoke.status).toBe(200);
    await expectUnauthorized(await app.server.request('/api/v1/customers', bearer(token!)));
  });

  it("cannot revoke someone else's token", async () => {
    const owner = await createTestUser(app.database.db, 'viewer');
    const other = await createTestUser(app.database.db, 'viewer');
    const { id, token } = await issueApiToken(app.database.db, { userId: owner.id, name: 'mine' });
    const cookie = await signIn(app.server, other.email, TEST_PASSWORD);
    const response = await app.server.request('/settings', { method: 'POST', cookie, body: new URLSearchParams({ intent: 'revoke-token', tokenId: String(id) }) });
    expect(response.status).toBe(404);
    expect((await app.server.request('/api/v1/customers', bearer(token))).status).toBe(200);
  });

  it('are exempt from the cross-site check, which protects cookie sessions only', async () => {
    const owner = await createTestUser(app.database.db, 'em');
    const { token } = await issueApiToken(app.database.db, { userId: owner.id, name: 'ci' });
    // No Origin, no Sec-Fetch-Site: refused with a cookie, but a token's request reaches validation.
    const response = await fetch(`${app.server.url}/api/v1/customers`, { method: 'POST', body: '{}', ...bearer(token) });
    expect(response.status).toBe(422);
  });
});
