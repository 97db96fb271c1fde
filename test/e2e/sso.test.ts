import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/demo-data';
import { freePort, setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';
import { OTHER_CLIENT, setUpOidcProvider, SSO_CLIENT } from './oidc-provider';

// Each app must know its address before it starts (APP_URL), and the provider every app's callback.
const [providerPort, ssoPort, newcomersPort, wrongSecretPort, unreachablePort, closedPort] = (await Promise.all(
  Array.from({ length: 6 }, () => freePort()),
)) as [number, number, number, number, number, number];
const appUrl = (port: number) => `http://localhost:${port}`;
const callback = (port: number) => `${appUrl(port)}/auth/oidc/callback`;
const provider = setUpOidcProvider(providerPort, [ssoPort, newcomersPort, wrongSecretPort].map(callback));
const ssoEnv = (port: number, extra: Record<string, string> = {}) => ({
  OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: SSO_CLIENT.id, OIDC_CLIENT_SECRET: SSO_CLIENT.secret, APP_URL: appUrl(port), ...extra,
});

const app = setUpAppServer({ port: ssoPort, env: ssoEnv(ssoPort) });
const newcomers = setUpAppServer({ port: newcomersPort, env: ssoEnv(newcomersPort, { OIDC_DEFAULT_ROLE: 'viewer', PASSWORD_LOGIN: 'false' }) });
const wrongSecret = setUpAppServer({ port: wrongSecretPort, env: ssoEnv(wrongSecretPort, { OIDC_CLIENT_SECRET: 'not-the-secret' }) });
const unreachable = setUpAppServer({
  port: unreachablePort, env: ssoEnv(unreachablePort, { OIDC_ISSUER: `http://127.0.0.1:${closedPort}` }),
});
const chrome = setUpBrowser();

/** Starts SSO on the sign-in page and signs in at the provider as `login` (its development pages). */
async function signInWithSso(page: Page, baseUrl: string, login: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** A browser of its own (no provider session from another test), and its first page. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chrome.browser.newContext();
  return { context, page: await context.newPage() };
}

async function expectRefusal(page: Page, words: string) {
  await page.getByRole('heading', { level: 1, name: 'Sign in to Strat Tracker' }).waitFor();
  expect(await page.getByRole('alert').textContent()).toContain(words);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('strat_session');
}

/**
 * Changes one parameter of the authorization request the app sends the browser to (its redirect from /auth/oidc), as
 * someone between the two could: the provider then answers with what was changed.
 */
async function tamperAuthorizationRequest(page: Page, baseUrl: string, name: string, value: string) {
  await page.route((url) => url.href.startsWith(`${baseUrl}/auth/oidc?`), async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = new URL(response.headers().location!);
    location.searchParams.set(name, value);
    await route.fulfill({ response, headers: { ...response.headers(), location: location.href } });
  });
}

describe('single sign-on', () => {
  it('shows "Sign in with SSO" first on the sign-in page, at laptop and phone width, axe clean', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const context = await chrome.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/login`);
      const sso = (await page.getByRole('link', { name: 'Sign in with SSO' }).boundingBox())!;
      const email = (await page.getByLabel('Email').boundingBox())!;
      expect(sso.y).toBeLessThan(email.y);
      await expectCleanPage(page);
      await context.close();
    }
  });

  it('signs a known, verified email in with a session like a password’s, which signs out; its callback cannot be replayed', async () => {
    const { context, page } = await freshPage();
    let callbackUrl = '';
    page.on('request', (request) => {
      if (request.url().startsWith(callback(ssoPort))) callbackUrl = request.url();
    });
    await signInWithSso(page, app.baseUrl, 'EXEC@demo.test');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.locator('.whoami-name').textContent()).toBe('Avery Exec');
    const session = (await context.cookies()).find((cookie) => cookie.name === 'strat_session')!;
    expect([session.httpOnly, session.sameSite]).toEqual([true, 'Lax']);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('strat_sso_flow');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Strat Tracker' }).waitFor();

    expect(callbackUrl).toContain('code=');
    await page.goto(callbackUrl);
    await expectRefusal(page, 'was used already');
    await context.close();
  });

  it('refuses an unknown email, and an email the provider has not verified', async () => {
    for (const [login, words] of [
      ['stranger@company.test', 'No Strat Tracker user has your email address'],
      ['unverified:lead@demo.test', 'has not verified your email address'],
    ]) {
      const { context, page } = await freshPage();
      await signInWithSso(page, app.baseUrl, login!);
      await expectRefusal(page, words!);
      await context.close();
    }
  });

  it('refuses a tampered state, a wrong nonce and a code issued to another client', async () => {
    for (const [name, value] of [['state', 'tampered-state'], ['nonce', 'a-nonce-of-someone-else'], ['client_id', OTHER_CLIENT.id]]) {
      const { context, page } = await freshPage();
      await tamperAuthorizationRequest(page, app.baseUrl, name!, value!);
      await signInWithSso(page, app.baseUrl, 'em@demo.test');
      await expectRefusal(page, 'did not match the sign-in begun here');
      await context.close();
    }
  });

  it('refuses a disabled user', async () => {
    const exec = await chrome.browser.newPage();
    await signInAs(exec, app.baseUrl, 'exec@demo.test');
    await exec.goto(`${app.baseUrl}/users`);
    await exec.getByRole('row', { name: /Riley Engineer/ }).getByRole('button', { name: 'Disable' }).click();
    await exec.getByText('riley@demo.test is disabled').waitFor();

    const { context, page } = await freshPage();
    await signInWithSso(page, app.baseUrl, 'riley@demo.test');
    await expectRefusal(page, 'Your Strat Tracker account is disabled');
    await context.close();

    // Every refusal above, and the sign-ins, are in the audit log.
    await exec.goto(`${app.baseUrl}/audit`);
    const actions = await exec.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.filter((action) => action === 'auth.sso_refused').length).toBeGreaterThanOrEqual(6);
    expect(actions).toContain('auth.signed_in');
    await exec.close();
  });
});

describe('single sign-on with a default role and passwords turned off', () => {
  it('creates an unknown verified email as a viewer', async () => {
    const { context, page } = await freshPage();
    await signInWithSso(page, newcomers.baseUrl, 'newcomer@company.test');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.locator('.role-badge').textContent()).toBe('Viewer');
    expect(await page.locator('.whoami-name').textContent()).toBe('Person newcomer');
    await context.close();
  });

  it('hides the password form and refuses a password sign-in', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${newcomers.baseUrl}/login`);
    expect(await page.getByLabel('Password').count()).toBe(0);
    const response = await page.request.post(`${newcomers.baseUrl}/login`, {
      form: { email: 'exec@demo.test', password: DEMO_PASSWORD }, headers: { Origin: newcomers.baseUrl }, maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('Sign-in with a password is turned off');
    await context.close();
  });
});

describe('a misconfigured provider', () => {
  it('says so on the sign-in page when the app’s secret is wrong, and passwords still sign in', async () => {
    const { context, page } = await freshPage();
    await signInWithSso(page, wrongSecret.baseUrl, 'exec@demo.test');
    await expectRefusal(page, 'Single sign-on is not set up right');
    await signInAs(page, wrongSecret.baseUrl, 'exec@demo.test');
    await context.close();
  });

  it('says so when the provider cannot be reached', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${unreachable.baseUrl}/login`);
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    await expectRefusal(page, 'the identity provider could not be reached');
    await context.close();
  });
});
