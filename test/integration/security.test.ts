import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres } from '../../db/connection';
import { setUpTestServer, signIn, startTestServer } from '../support/http-server';
import { createTestUser, TEST_PASSWORD } from '../factories/users';

const app = setUpTestServer();
let cookie: string;

beforeAll(async () => {
  const user = await createTestUser(app.database.db, 'exec');
  cookie = await signIn(app.server, user.email, TEST_PASSWORD);
});

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get('Content-Security-Policy-Report-Only')).toBeNull();
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('Referrer-Policy')).toBe('same-origin');
  expect(response.headers.get('X-Powered-By')).toBeNull();
}

describe('security headers', () => {
  it('are on signed-in pages, with no-store and a fresh nonce that every script carries', async () => {
    const first = await app.server.request('/', { cookie });
    const second = await app.server.request('/', { cookie });
    expect(first.status).toBe(200);
    expectSecurityHeaders(first);
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get('Content-Security-Policy')!)![1]!;
    expect(second.headers.get('Content-Security-Policy')).not.toContain(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });

  it('are on the sign-in page, the API, health and static files', async () => {
    for (const pathname of ['/login', '/api/v1/customers', '/healthz', '/favicon.svg']) {
      expectSecurityHeaders(await app.server.request(pathname));
    }
  });
});

describe('static files', () => {
  it('are kept for good by browsers and sent compressed to those that accept it', async () => {
    const stylesheet = /href="(\/build\/[^"]+\.css)"/.exec(await (await app.server.request('/login')).text())![1]!;
    const response = await app.server.request(stylesheet, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Cache-Control')).toContain('immutable');
    expect(await response.text()).toBe(await readFile(path.join('public', stylesheet), 'utf8'));
  });
});

describe('cross-site requests', () => {
  it('refuse a cross-site POST riding on the session cookie, before it changes anything', async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      const response = await app.server.request('/users', {
        method: 'POST', cookie, headers,
        body: new URLSearchParams({ intent: 'create', email: 'mallory@example.test', name: 'Mallory', role: 'exec', password: 'a password of length' }),
      });
      expect(response.status).toBe(403);
    }
    const logout = await app.server.request('/logout', { method: 'POST', cookie, headers: { Origin: 'https://evil.example' } });
    expect(logout.status).toBe(403);
    expect(await app.database.db.selectFrom('users').select('id').where('email', '=', 'mallory@example.test').execute()).toEqual([]);
    expect((await app.server.request('/', { cookie })).status).toBe(200);
  });

  it('refuse a POST with neither Origin nor Sec-Fetch-Site', async () => {
    const response = await fetch(`${app.server.url}/logout`, { method: 'POST', headers: { Cookie: cookie }, redirect: 'manual' });
    expect(response.status).toBe(403);
  });
});

describe('health', () => {
  it('answers ok after a database round trip', async () => {
    const response = await app.server.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database does not', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Nothing listens on port 1: every query fails to connect.
    const unreachable = openPostgres('postgres://postgres@127.0.0.1:1/strat');
    const server = await startTestServer(unreachable.db);
    try {
      const response = await server.request('/healthz');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable' });
    } finally {
      await server.close();
      await unreachable.close();
    }
  });
});
