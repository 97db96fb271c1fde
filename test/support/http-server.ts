import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { issueApiToken } from '~/auth/api-tokens.server';
import { ROLES, type Role } from '~/domain/roles';
import { createHttpApp, type HttpAppOptions } from '~/http/create-http-app.server';
import { createBoundedServer } from '~/http/request-limits.server';
import { startBackgroundJobs, type BackgroundJobs } from '~/jobs/background-jobs.server';
import type { Database } from '../../db/connection';
import type { DB } from '../../db/schema';
import { createTestUser, TEST_PASSWORD, TEST_SETUP } from '../factories/users';
import { createTestDatabase, type TestDatabase } from './database';

export type TestClock = { now: Date; advance(ms: number): void };

/** A clock the test moves by hand. */
export function createClock(start = new Date('2026-11-18T10:00:00Z')): TestClock {
  return {
    now: start,
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
}

export type TestServer = {
  url: string;
  clock: TestClock;
  /** fetch on this server, same-origin like a browser's own form posts, never following redirects. */
  request(pathname: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  /** The webhook sender and periodic checks, when the test asked for them. */
  jobs?: BackgroundJobs;
  close(): Promise<void>;
};

export type TestServerOptions = {
  production?: boolean;
  limits?: Parameters<typeof createBoundedServer>[1];
  allowPrivateWebhooks?: boolean;
  /** Single sign-on with this provider, and whether passwords still sign in. */
  sso?: HttpAppOptions['sso'];
  passwordLogin?: boolean;
  /** Runs the background jobs on this database, on the server's clock (a short webhook timeout keeps tests quick). */
  jobs?: { database: Pick<Database, 'db' | 'listen'>; webhookTimeoutMs?: number };
};

/** The real HTTP server (security headers, CSRF check, the built Remix app) on a free port. */
export async function startTestServer(
  db: Kysely<DB>,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const buildFile = path.resolve('build/index.js');
  const build = (await import(/* @vite-ignore */ pathToFileURL(buildFile).href)) as ServerBuild;
  const clock = createClock();
  const app = createHttpApp({
    build,
    db,
    sessionSecret: 'a-test-session-secret-of-thirty-two-characters',
    production: options.production ?? false,
    teamTimezone: 'UTC',
    publicDir: path.resolve('public'),
    now: () => clock.now,
    allowPrivateWebhooks: options.allowPrivateWebhooks,
    sso: options.sso,
    passwordLogin: options.passwordLogin,
  });
  const jobs = options.jobs
    ? await startBackgroundJobs({
        database: options.jobs.database, now: () => clock.now, defaultTimeZone: 'UTC',
        allowPrivateWebhooks: options.allowPrivateWebhooks ?? !options.production, webhookTimeoutMs: options.jobs.webhookTimeoutMs,
      })
    : undefined;
  const server = createBoundedServer(app, options.limits).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clock,
    request(pathname, { cookie, headers, ...init } = {}) {
      const merged = new Headers(headers);
      if (!merged.has('Origin') && !merged.has('Sec-Fetch-Site')) merged.set('Origin', url);
      if (cookie) merged.set('Cookie', cookie);
      return fetch(`${url}${pathname}`, { redirect: 'manual', ...init, headers: merged });
    },
    jobs,
    async close() {
      await jobs?.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The `name=value` part of a response's Set-Cookie, to send back as a Cookie header. */
export function cookieFrom(response: Response): string {
  const setCookie = response.headers.get('Set-Cookie');
  if (!setCookie) throw new Error(`Expected a Set-Cookie header (status ${response.status})`);
  return setCookie.split(';')[0]!;
}

/** Signs in through the real form post; returns the session cookie. */
export async function signIn(server: TestServer, email: string, password: string): Promise<string> {
  const response = await server.request('/login', { method: 'POST', body: new URLSearchParams({ email, password }) });
  if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
  return cookieFrom(response);
}

/** A database of this file's own and the server on it, made before the file's tests and closed after. */
export function setUpTestServer(options: { jobs?: { webhookTimeoutMs?: number } } = {}): { database: TestDatabase; server: TestServer } {
  const handle = {} as { database: TestDatabase; server: TestServer };
  beforeAll(async () => {
    handle.database = await createTestDatabase();
    handle.server = await startTestServer(handle.database.db, options.jobs ? { jobs: { database: handle.database, ...options.jobs } } : {});
  });
  afterAll(async () => {
    await handle.server?.close();
    await handle.database?.close();
  });
  return handle;
}

/** One user of each role, signed in and holding an API token, made before the file's tests. */
export function setUpUserPerRole(app: { database: TestDatabase; server: TestServer }) {
  const roles = {
    users: {} as Record<Role, { id: number; email: string; name: string }>,
    cookies: {} as Record<Role, string>,
    tokens: {} as Record<Role, string>,
  };
  beforeAll(async () => {
    for (const role of ROLES) {
      const user = await createTestUser(app.database.db, role);
      roles.users[role] = user;
      roles.cookies[role] = await signIn(app.server, user.email, TEST_PASSWORD);
      roles.tokens[role] = (await issueApiToken(app.database.db, { userId: user.id, name: 'test', by: TEST_SETUP })).token;
    }
  });
  return roles;
}

/** A JSON API call with a bearer token; `body` is sent as JSON. */
export function callApi(server: TestServer, token: string, pathname: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return server.request(pathname, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
