import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '~/auth/secrets.server';
import { takeSsoFlow, insertSsoFlow, SSO_FLOW_MS } from '~/models/sso-flows.server';
import { serveArguments } from '../../scripts/serve-command';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/http-server';

// The provider is never reached here: these are the app's own checks around the flow (the whole flow against a
// real provider is in test/e2e/sso.test.ts).
const SSO = { issuer: 'http://127.0.0.1:9', clientId: 'strat-tracker', clientSecret: 'secret', appUrl: 'http://localhost:3000', defaultRole: null };

let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database.db, { sso: SSO, passwordLogin: false });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe('the callback', () => {
  it('refuses, never failing, an answer without the flow begun in this browser: forged, unsigned or none', async () => {
    const queries = ['', '?code=abc&state=def', '?error=access_denied', '?code=%E2%9C%93&state=\u{1F600}', `?code=${'x'.repeat(5000)}`];
    const cookies = [undefined, 'strat_sso_flow=forged', 'strat_sso_flow=IjEi.not-signed', '__proto__=1'];
    for (const query of queries) {
      for (const cookie of cookies) {
        const response = await server.request(`/auth/oidc/callback${query}`, { cookie });
        expect([query, cookie, response.status, response.headers.get('Location')]).toEqual([query, cookie, 302, '/login?sso=expired']);
        expect(response.headers.get('Set-Cookie')).toMatch(/^strat_sso_flow=; Max-Age=0/);
      }
    }
    // An address the server cannot read is refused before any route, as everywhere.
    expect((await server.request('/auth/oidc/callback?code=%00%ff')).status).toBe(400);
    const refusals = await database.db.selectFrom('audit_log').select('after').where('action', '=', 'auth.sso_refused').execute();
    expect(refusals).toHaveLength(queries.length * cookies.length);
    expect(refusals[0]!.after).toEqual({ reason: 'expired' });
  });

  it('takes a flow once, and not after 10 minutes', async () => {
    const now = new Date('2026-11-18T10:00:00Z');
    const flow = { state: 's', nonce: 'n', codeVerifier: 'v', redirectTo: '/partners' };
    await insertSsoFlow(database.db, { ...flow, idHash: hashSecret('one'), now });
    expect(await takeSsoFlow(database.db, hashSecret('one'), now)).toEqual(flow);
    expect(await takeSsoFlow(database.db, hashSecret('one'), now)).toBeNull();
    await insertSsoFlow(database.db, { ...flow, idHash: hashSecret('late'), now });
    expect(await takeSsoFlow(database.db, hashSecret('late'), new Date(now.getTime() + SSO_FLOW_MS + 1))).toBeNull();
  });
});

describe('passwords turned off', () => {
  it('shows only SSO on the sign-in page, with the reason of a refusal, and refuses a password', async () => {
    const page = await (await server.request('/login?sso=unverified')).text();
    expect(page).toContain('href="/auth/oidc?redirectTo=%2F"');
    expect(page).toContain('has not verified your email address');
    expect(page).not.toContain('type="password"');
    for (const reason of ['%3Cscript%3E', '__proto__', 'constructor', 'toString']) {
      const unknownReason = await server.request(`/login?sso=${reason}`);
      expect([reason, unknownReason.status]).toEqual([reason, 200]);
      expect(await unknownReason.text()).not.toContain('role="alert"');
    }
    const refused = await server.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'a@b.test', password: 'whatever-it-is' }) });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Sign-in with a password is turned off: sign in with SSO.');
  });
});

describe('the set-up', () => {
  const run = promisify(execFile);
  const start = (env: Record<string, string>) =>
    run(process.execPath, serveArguments(), { env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/nonexistent/strat', PORT: '0', ...env }, timeout: 20_000 })
      .then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);

  it.each([
    [{ OIDC_ISSUER: 'https://id.example.com' }, 'Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, APP_URL; missing: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, APP_URL.'],
    [{ OIDC_ISSUER: 'id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', APP_URL: 'https://strat.example.com' }, 'OIDC_ISSUER must be'],
    [{ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', APP_URL: 'https://strat.example.com', OIDC_DEFAULT_ROLE: 'boss' }, 'OIDC_DEFAULT_ROLE must be one of exec, em, engineer, viewer'],
    [{ PASSWORD_LOGIN: 'false' }, 'PASSWORD_LOGIN=false leaves no way to sign in'],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), OIDC_ISSUER: 'http://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', APP_URL: 'https://strat.example.com' }, "OIDC_ISSUER must be the provider's https URL"],
  ])('refuses to start with %j', async (env, message) => {
    const { code, stderr } = await start(env);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });
});
