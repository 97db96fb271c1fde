import { describe, expect, it } from 'vitest';
import { issueApiToken } from '~/auth/api-tokens.server';
import { signIn, setUpTestServer } from '../support/http-server';
import { createTestUser, TEST_PASSWORD, TEST_SETUP } from '../factories/users';

const app = setUpTestServer();

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.any(String) } });
}

describe('API tokens', () => {
  it('authenticate /api/v1 with the owner role, stored only as a hash', async () => {
    const owner = await createTestUser(app.database.db, 'viewer');
    const { token } = await issueApiToken(app.database.db, { userId: owner.id, name: 'script', by: TEST_SETUP });
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
    const revoked = await issueApiToken(app.database.db, { userId: owner.id, name: 'old', by: TEST_SETUP });
    await app.database.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', revoked.id).execute();
    await expectUnauthorized(await app.server.request('/api/v1/customers', bearer(revoked.token)));
    const live = await issueApiToken(app.database.db, { userId: owner.id, name: 'live', by: TEST_SETUP });
    expect((await app.server.request('/api/v1/customers', bearer(live.token))).status).toBe(200);
    await app.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', owner.id).execute();
    await expectUnauthorized(await app.server.request('/api/v1/customers', bearer(live.token)));
  });

  describe('rate limit', () => {
    const call = (token: string) => app.server.request('/api/v1/intake-gate', bearer(token));
    async function tokenPair() {
      const owner = await createTestUser(app.database.db, 'viewer');
      return Promise.all(['busy', 'calm'].map((name) => issueApiToken(app.database.db, { userId: owner.id, name, by: TEST_SETUP })));
    }
    /** Counts `count` requests in the token's current minute, as if they had been made. */
    async function countRequests(tokenId: number, count: number) {
      await app.database.db.updateTable('api_tokens').set({ rate_window_requests: count }).where('id', '=', tokenId).execute();
    }

    it('allows 600 requests a minute on one token, then answers 429 with Retry-After until the next minute', async () => {
      const [busy, calm] = await tokenPair();
      expect((await call(busy!.token)).status).toBe(200);
      const counted = await app.database.db.selectFrom('api_tokens').select('rate_window_requests').where('id', '=', busy!.id).executeTakeFirstOrThrow();
      expect(counted.rate_window_requests).toBe(1);
      await countRequests(busy!.id, 599);
      expect((await call(busy!.token)).status).toBe(200);
      const refused = await call(busy!.token);
      expect(refused.status).toBe(429);
      // The test clock stands at 10:00:00: the next minute is a whole minute away.
      expect(refused.headers.get('Retry-After')).toBe('60');
      expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: 'More than 600 requests in a minute on this token: try again in 60 s.' } });
      expect((await call(calm!.token)).status).toBe(200);
      app.server.clock.advance(60_000);
      expect((await call(busy!.token)).status).toBe(200);
    });

    it('counts requests that arrive together exactly', async () => {
      const [busy] = await tokenPair();
      expect((await call(busy!.token)).status).toBe(200);
      await countRequests(busy!.id, 590);
      const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await call(busy!.token)).status));
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    });
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
    const { id, token } = await issueApiToken(app.database.db, { userId: owner.id, name: 'mine', by: TEST_SETUP });
    const cookie = await signIn(app.server, other.email, TEST_PASSWORD);
    const response = await app.server.request('/settings', { method: 'POST', cookie, body: new URLSearchParams({ intent: 'revoke-token', tokenId: String(id) }) });
    expect(response.status).toBe(404);
    expect((await app.server.request('/api/v1/customers', bearer(token))).status).toBe(200);
  });

  it('are exempt from the cross-site check, which protects cookie sessions only', async () => {
    const owner = await createTestUser(app.database.db, 'em');
    const { token } = await issueApiToken(app.database.db, { userId: owner.id, name: 'ci', by: TEST_SETUP });
    // No Origin, no Sec-Fetch-Site: refused with a cookie, but a token's request reaches validation.
    const response = await fetch(`${app.server.url}/api/v1/customers`, { method: 'POST', body: '{}', ...bearer(token) });
    expect(response.status).toBe(422);
  });
});
