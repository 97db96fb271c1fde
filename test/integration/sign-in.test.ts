import { describe, expect, it } from 'vitest';
import { cookieFrom, signIn, startTestServer, setUpTestServer } from '../support/http-server';
import { createTestUser, TEST_PASSWORD } from '../factories/users';

const app = setUpTestServer();

const HOUR = 60 * 60 * 1000;

function postSignIn(email: string, password: string, headers: Record<string, string> = {}) {
  return app.server.request('/login', { method: 'POST', body: new URLSearchParams({ email, password }), headers });
}

async function pageStatus(cookie: string, pathname = '/') {
  const response = await app.server.request(pathname, { cookie });
  return { status: response.status, location: response.headers.get('Location') };
}

describe('signing in', () => {
  it('starts a session with a safe cookie and lands on the page asked for', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const response = await app.server.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: '/partners' }),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/partners');
    const setCookie = response.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^strat_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(await pageStatus(cookieFrom(response))).toEqual({ status: 200, location: null });
    const audit = await app.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'auth.signed_in').execute();
    expect(audit).toContainEqual({ action: 'auth.signed_in', actor_id: user.id });
  });

  it('gives a new session id at each sign-in and stores only its hash', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const first = await signIn(app.server, user.email, TEST_PASSWORD);
    const second = await signIn(app.server, user.email, TEST_PASSWORD);
    expect(first).not.toBe(second);
    const stored = await app.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(2);
    for (const { id_hash } of stored) {
      expect(id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(decodeURIComponent(first)).not.toContain(id_hash);
    }
  });

  it('refuses a wrong password with a plain message, keeping the email and never echoing the password', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const response = await postSignIn(user.email, 'not the password at all');
    expect(response.status).toBe(401);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const html = await response.text();
    expect(html).toContain('Email or password is incorrect.');
    expect(html).toContain(user.email);
    expect(html).not.toContain('not the password at all');
    const audit = await app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.sign_in_failed').execute();
    expect(JSON.stringify(audit)).not.toContain('not the password at all');
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const response = await postSignIn('nobody@example.test', 'whatever password');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Email or password is incorrect.');
  });

  it('shows each missing field beside the field', async () => {
    const response = await postSignIn('', '');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Enter your email.');
    expect(html).toContain('Enter your password.');
  });

  it('throttles an account after 10 failures in 15 minutes, even for the right password, and lets it go after', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await postSignIn(user.email, `wrong password ${attempt}`)).status).toBe(401);
    }
    const throttled = await postSignIn(user.email, TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain('Too many failed sign-ins');
    app.server.clock.advance(15 * 60 * 1000 + 1000);
    expect((await postSignIn(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it('throttles one IP address across accounts after 50 failures', async () => {
    // A fresh address: the attempts are counted by the address the app.server sees, this test's loopback one.
    await app.database.db.deleteFrom('login_attempts').execute();
    const user = await createTestUser(app.database.db, 'viewer');
    const failures = Array.from({ length: 50 }, (_, index) => ({
      email: `guess-${index}@example.test`, ip: '127.0.0.1', succeeded: false, attempted_at: app.server.clock.now,
    }));
    await app.database.db.insertInto('login_attempts').values(failures).execute();
    expect((await postSignIn(user.email, TEST_PASSWORD)).status).toBe(429);
    await app.database.db.deleteFrom('login_attempts').execute();
  });
});

describe('sessions', () => {
  it('expire after 2 hours idle', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const cookie = await signIn(app.server, user.email, TEST_PASSWORD);
    app.server.clock.advance(2 * HOUR - 60_000);
    expect((await pageStatus(cookie)).status).toBe(200);
    app.server.clock.advance(2 * HOUR);
    expect(await pageStatus(cookie)).toEqual({ status: 302, location: '/login?redirectTo=%2F' });
  });

  it('expire 12 hours after sign-in, however active', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const cookie = await signIn(app.server, user.email, TEST_PASSWORD);
    for (let hour = 0; hour < 11; hour += 1) {
      app.server.clock.advance(HOUR);
      expect((await pageStatus(cookie)).status).toBe(200);
    }
    app.server.clock.advance(HOUR);
    expect((await pageStatus(cookie)).status).toBe(302);
  });

  it('end server-side at sign-out: the old cookie no longer works', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const cookie = await signIn(app.server, user.email, TEST_PASSWORD);
    const response = await app.server.request('/logout', { method: 'POST', cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    expect((await pageStatus(cookie)).status).toBe(302);
    expect(await app.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('are not ended by a GET to /logout', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const cookie = await signIn(app.server, user.email, TEST_PASSWORD);
    await app.server.request('/logout', { cookie });
    expect((await pageStatus(cookie)).status).toBe(200);
  });

  it('refuse a cookie with a forged signature', async () => {
    const user = await createTestUser(app.database.db, 'viewer');
    const cookie = await signIn(app.server, user.email, TEST_PASSWORD);
    expect((await pageStatus(`${cookie.slice(0, -3)}AAA`)).status).toBe(302);
  });
});

describe('in production', () => {
  it('sets a __Host- cookie with Secure, and HSTS', async () => {
    const production = await startTestServer(app.database.db, { production: true });
    try {
      const user = await createTestUser(app.database.db, 'viewer');
      const response = await production.request('/login', {
        method: 'POST', body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
      });
      expect(response.status).toBe(302);
      const setCookie = response.headers.get('Set-Cookie')!;
      expect(setCookie).toMatch(/^__Host-strat_session=/);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).not.toMatch(/Domain=/);
      expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d{8}/);
    } finally {
      await production.close();
    }
  });
});
