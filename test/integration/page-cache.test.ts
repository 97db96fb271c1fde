import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, TOUCH_AFTER_MS } from '~/models/sessions.server';
import { createTestCustomer } from '../factories/customers';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { setUpUserPerRole, startTestServer, type TestServer } from '../support/http-server';
import { whileNothingCommits } from '../support/snapshot';

/** Counts the queries the server runs. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  /** Of them, those that take PostgreSQL's snapshot. */
  snapshots = 0;
  transformQuery({ node }: PluginTransformQueryArgs) {
    this.count += 1;
    if (JSON.stringify(node).includes('pg_current_snapshot')) this.snapshots += 1;
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs) {
    return result;
  }
}

const queries = new QueryCounter();
const app = {} as { database: TestDatabase; server: TestServer };
beforeAll(async () => {
  app.database = await createTestDatabase();
  app.server = await startTestServer(app.database.db.withPlugin(queries));
});
afterAll(async () => {
  await app.server?.close();
  await app.database?.close();
});
const { users, cookies, tokens } = setUpUserPerRole(app);

/** The CSP nonce a Content-Security-Policy header allows. */
const nonceOf = (policy: string | string[] | null | undefined) => /'nonce-([^']+)'/.exec(String(policy))?.[1];

/** A page view: its status, its HTML, the CSP nonce its header allows, and how many queries it ran. */
async function view(pathname: string, cookie: string) {
  const before = queries.count;
  const response = await app.server.request(pathname, { cookie });
  const html = await response.text();
  const nonce = nonceOf(response.headers.get('Content-Security-Policy'));
  return { status: response.status, html, nonce, headers: response.headers, queries: queries.count - before };
}

/** A GET as a browser sends it, with the body as it came over the wire, and the CSP nonce its header allows. */
function rawGet(pathname: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer; nonce: string | undefined }>((resolve, reject) => {
    get(`${app.server.url}${pathname}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const nonce = nonceOf(response.headers['content-security-policy']);
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks), nonce });
      });
    }).on('error', reject);
  });
}

const submissionKeyOf = (html: string) => /name="submissionKey" value="([^"]+)"/.exec(html)?.[1];

describe('the page cache', () => {
  it('serves a repeat view of the dashboard with the snapshot query alone, under its own nonce', async () => {
    await whileNothingCommits(app.database.db, async () => {
      const first = await view('/', cookies.viewer);
      const again = await view('/', cookies.viewer);
      expect(first.queries).toBeGreaterThan(3);
      expect(again.queries).toBe(1);
      expect(again.nonce).not.toBe(first.nonce);
      expect(again.html).toContain(`nonce="${again.nonce}"`);
      expect(again.html).not.toContain(first.nonce);
      expect(again.html.replaceAll(again.nonce!, 'N')).toBe(first.html.replaceAll(first.nonce!, 'N'));
      // Written from memory, it still says what the rendered page said of itself.
      const said = ({ headers }: typeof first) => [...headers].filter(([name]) => !['content-security-policy', 'date', 'server-timing'].includes(name));
      expect(said(again)).toEqual(said(first));
      expect(again.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    });
  });

  it('sends a kept page gzipped to a browser that takes it, the repeat view too, each under its own nonce', async () => {
    await whileNothingCommits(app.database.db, async () => {
      const asBrowser = { Cookie: cookies.viewer, 'Accept-Encoding': 'gzip, deflate, br, zstd', 'Sec-Fetch-Site': 'none' };
      const plain = await rawGet('/', { Cookie: cookies.viewer });
      const [first, again] = [await rawGet('/', asBrowser), await rawGet('/', asBrowser)];
      const before = queries.count;
      await rawGet('/', asBrowser);
      expect(queries.count - before).toBe(1);
      for (const view of [plain, first, again]) expect(Number(view.headers['content-length'])).toBe(view.body.length);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const [html, htmlAgain] = [first, again].map((view) => {
        expect(view.headers['content-encoding']).toBe('gzip');
        expect(view.headers.vary).toBe('Accept-Encoding');
        // gunzip checks the stream's checksum and length too.
        const text = gunzipSync(view.body).toString();
        expect(text).toContain(`nonce="${view.nonce}"`);
        return text.replaceAll(view.nonce!, 'N');
      });
      expect(htmlAgain).toBe(html);
      expect(html).toBe(plain.body.toString().replaceAll(plain.nonce!, 'N'));
      expect(first.body.length).toBeLessThan(plain.body.length / 3);
    });
  });

  it('sends pages as they are when another site asked for them, or when the browser accepts no encoding', async () => {
    for (const pathname of ['/', '/candidates']) {
      const crossSite = await rawGet(pathname, { Cookie: cookies.viewer, 'Accept-Encoding': 'gzip, br', 'Sec-Fetch-Site': 'cross-site' });
      const withoutEncodings = await rawGet(pathname, { Cookie: cookies.viewer });
      const gzipRefused = await rawGet(pathname, { Cookie: cookies.viewer, 'Accept-Encoding': 'gzip;q=0, identity' });
      for (const view of [crossSite, withoutEncodings, gzipRefused]) {
        expect(view.status).toBe(200);
        expect(view.headers['content-encoding']).toBeUndefined();
        expect(view.body.toString()).toContain(users.viewer.name);
      }
      // A page rendered at every view goes compressed too, through the compression middleware.
      const sameSite = await rawGet(pathname, { Cookie: cookies.viewer, 'Accept-Encoding': 'gzip', 'Sec-Fetch-Site': 'same-origin' });
      expect(sameSite.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(sameSite.body).toString()).toContain(users.viewer.name);
    }
  });

  it('sends the API’s answers as they are, however large', async () => {
    for (let count = 0; count < 10; count += 1) await createTestCustomer(app.database.db);
    const answer = await rawGet('/api/v1/customers', { Authorization: `Bearer ${tokens.viewer}`, 'Accept-Encoding': 'gzip, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    // Past the size from which the middleware compresses.
    expect(answer.body.length).toBeGreaterThan(1024);
    expect(JSON.parse(answer.body.toString()).customers.length).toBeGreaterThanOrEqual(10);
  });

  it('takes the snapshot for a first view once, for the page and its loaders; again after a look-up that marks the session as seen', async () => {
    const snapshotsOfFirstView = async () => {
      await createTestCustomer(app.database.db);
      const before = queries.snapshots;
      expect((await view('/', cookies.viewer)).status).toBe(200);
      return queries.snapshots - before;
    };
    expect(await snapshotsOfFirstView()).toBe(1);
    app.server.clock.advance(TOUCH_AFTER_MS);
    expect(await snapshotsOfFirstView()).toBe(2);
  });

  it('shows a change at once', async () => {
    const countOf = (html: string) => Number(/>(\d+) candidates<\/a>/.exec(html)?.[1]);
    const before = countOf((await view('/', cookies.viewer)).html);
    await createTestCustomer(app.database.db);
    expect(countOf((await view('/', cookies.viewer)).html)).toBe(before + 1);
  });

  it('keeps each user’s page apart', async () => {
    await view('/', cookies.viewer);
    const exec = await view('/', cookies.exec);
    expect(exec.html).toContain(users.exec.name);
    expect(exec.html).not.toContain(users.viewer.name);
  });

  it('gives each view of a customer page its own one-time form key, so two open copies log two entries', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
    let views: Awaited<ReturnType<typeof view>>[] = [];
    await whileNothingCommits(app.database.db, async () => {
      views = [await view(`/customers/${customer.slug}`, cookies.engineer), await view(`/customers/${customer.slug}`, cookies.engineer)];
      expect(views[1]!.queries).toBe(1);
    });
    const keys = views.map((page) => submissionKeyOf(page.html));
    expect(keys[0]).toBeDefined();
    expect(keys[1]).not.toBe(keys[0]);
    expect(views[1]!.html).toContain(`"submissionKey":"${keys[1]}"`);

    for (const [index, key] of keys.entries()) {
      const logged = await app.server.request(`/customers/${customer.slug}`, {
        method: 'POST',
        cookie: cookies.engineer,
        body: new URLSearchParams({ intent: 'log-progress', submissionKey: key!, kind: 'progress', occurredOn: '2026-11-17', body: `From copy ${index}.`, routing: 'none' }),
      });
      expect(logged.status).toBe(302);
    }
    const bodies = await app.database.db.selectFrom('progress_entries').select('body').where('customer_id', '=', customer.id).orderBy('id').execute();
    expect(bodies.map((entry) => entry.body)).toEqual(['From copy 0.', 'From copy 1.']);
  });

  it('renders every view of a page that does not allow reuse', async () => {
    await whileNothingCommits(app.database.db, async () => {
      await view('/candidates', cookies.viewer);
      expect((await view('/candidates', cookies.viewer)).queries).toBeGreaterThan(3);
    });
  });

  it('serves no kept page to a session ended since, nor to a disabled user', async () => {
    const signedIn = async (cookie: string) => (await view('/', cookie)).html.includes('Sign out');
    expect(await signedIn(cookies.viewer)).toBe(true);
    expect(await signedIn(cookies.viewer)).toBe(true);
    await app.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', users.viewer.id).execute();
    const disabled = await view('/', cookies.viewer);
    expect(disabled.status).toBe(302);
    expect(disabled.html).not.toContain(users.viewer.name);
    await app.database.db.updateTable('users').set({ disabled_at: null }).where('id', '=', users.viewer.id).execute();

    expect(await signedIn(cookies.exec)).toBe(true);
    await app.database.db.deleteFrom('sessions').where('user_id', '=', users.exec.id).execute();
    expect((await view('/', cookies.exec)).status).toBe(302);
  });

  it('looks the session up again when it is due to be marked as seen', async () => {
    await whileNothingCommits(app.database.db, async () => {
      await view('/', cookies.engineer);
      expect((await view('/', cookies.engineer)).queries).toBe(1);
      app.server.clock.advance(TOUCH_AFTER_MS);
      expect((await view('/', cookies.engineer)).queries).toBeGreaterThan(1);
    });
  });

  // Last: the clock moves past every session's idle limit.
  it('checks the session on every view', async () => {
    expect((await view('/', cookies.em)).status).toBe(200);
    app.server.clock.advance(SESSION_IDLE_MS);
    const expired = await view('/', cookies.em);
    expect(expired.status).toBe(302);
    expect(expired.html).not.toContain(users.em.name);
  });
});
