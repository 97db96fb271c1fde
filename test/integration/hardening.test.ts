import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { createTestCustomer } from '../factories/customers';
import { createTestUser, TEST_PASSWORD } from '../factories/users';
import { cookieFrom, setUpTestServer, setUpUserPerRole, signIn, startTestServer, type TestServer } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

const MB = 1024 * 1024;

/** A raw HTTP request, so the body can be sent chunked (no Content-Length) or declared larger than it is. */
function rawRequest(
  url: string,
  options: { method: string; path: string; headers: Record<string, string>; body: Buffer; chunked?: boolean },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const request = http.request({ hostname, port, method: options.method, path: options.path, headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server answers 413 and closes while we may still be sending: that ends our side, not the test.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.chunked) {
      for (let offset = 0; offset < options.body.length; offset += 64 * 1024) request.write(options.body.subarray(offset, offset + 64 * 1024));
    } else {
      request.setHeader('Content-Length', options.body.length);
      request.write(options.body);
    }
    request.end();
  });
}

async function stillServes() {
  expect((await app.server.request('/healthz')).status).toBe(200);
}

describe('request bodies', () => {
  const sameOrigin = () => ({ Origin: app.server.url, 'Content-Type': 'application/x-www-form-urlencoded' });

  it.each([
    ['with Content-Length', false],
    ['chunked', true],
  ])('stop a form body over 1 MB %s with a 413, and the server goes on', async (_how, chunked) => {
    const body = Buffer.from(`email=a%40b.test&password=${'x'.repeat(2 * MB)}`);
    const response = await rawRequest(app.server.url, { method: 'POST', path: '/login', headers: sameOrigin(), body, chunked });
    expect(response.status).toBe(413);
    expect(response.body).toContain('larger than 1 MB');
    await stillServes();
  });

  it('stop a chunked API body over 5 MB with the JSON error, and a CSV upload over 5 MB', async () => {
    const json = Buffer.from(JSON.stringify({ snapshots: [], padding: 'x'.repeat(6 * MB) }));
    const api = await rawRequest(app.server.url, {
      method: 'POST', path: '/api/v1/metrics', chunked: true, body: json,
      headers: { Authorization: `Bearer ${tokens.em}`, 'Content-Type': 'application/json' },
    });
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body).error.code).toBe('payload_too_large');
    const csv = Buffer.from(`kind=snapshots&csv=${'a'.repeat(6 * MB)}`);
    const upload = await rawRequest(app.server.url, { method: 'POST', path: '/import', headers: { ...sameOrigin(), Cookie: cookies.em }, body: csv, chunked: true });
    expect(upload.status).toBe(413);
    await stillServes();
  });

  it('take an API body of several MB under the limit', async () => {
    const body = JSON.stringify({ snapshots: [], padding: 'x'.repeat(3 * MB) });
    const response = await app.server.request('/api/v1/metrics', {
      method: 'POST', headers: { Authorization: `Bearer ${tokens.em}`, 'Content-Type': 'application/json' }, body,
    });
    expect(response.status).toBe(422);
    expect((await response.json()).error.fields.snapshots).toBe('Send at least one snapshot.');
  });

  it.each([
    ['JSON', 'application/json', '{"email":"a@b.test"}', 415],
    ['plain text', 'text/plain', 'email=a', 415],
    ['no content type', '', 'email=a', 415],
    ['broken multipart', 'multipart/form-data; boundary=zzz', '--zzz\r\nContent-Disposition: form-da', 400],
  ])('refuse %s sent to a form action with %s', async (_what, type, body, status) => {
    const headers = new Headers({ Origin: app.server.url });
    const response = await fetch(`${app.server.url}/login`, { method: 'POST', headers, body: new Blob([body], { type }), redirect: 'manual' });
    expect(response.status).toBe(status);
    expect(await response.text()).not.toMatch(/TypeError|at .*\.js/);
  });
});

describe('slow clients and long headers', () => {
  let slow: TestServer;
  beforeAll(async () => {
    slow = await startTestServer(app.database.db, { limits: { headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 100 } });
  });
  afterAll(() => slow.close());

  it('cut off a client that trickles its headers', async () => {
    const { hostname, port } = new URL(slow.url);
    const socket = net.connect(Number(port), hostname);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    socket.resume();
    const started = Date.now();
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuse headers or an address over 16 KB with a 431', async () => {
    const response = await new Promise<number>((resolve) => {
      http.get(`${app.server.url}/healthz?${'a'.repeat(20_000)}`, (res) => resolve(res.statusCode ?? 0)).on('error', () => resolve(0));
    });
    expect(response).toBe(431);
    await stillServes();
  });
});

describe('addresses', () => {
  it.each([
    ['/customers/%E0%A4%A', 'the address'],
    ['/customers/acme%00', 'the address'],
    ['/audit?entity=%00x', 'the parameter "entity"'],
  ])('refuse %s with a 400 naming what is wrong', async (path, part) => {
    const response = await app.server.request(path, { cookie: cookies.em });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(part);
  });

  it.each(['http://elsewhere.test/customers', '*'])('refuse the request target %s, which is no path, with a 400', async (target) => {
    const response = await rawRequest(app.server.url, { method: 'GET', path: target, headers: { Cookie: cookies.exec }, body: Buffer.alloc(0) });
    expect(response.status).toBe(400);
    expect(response.body).toContain('no path on this server');
    await stillServes();
  });

  it('answer the API in its JSON shape: unknown paths 404, wrong methods 405 with Allow', async () => {
    const auth = { Authorization: `Bearer ${tokens.exec}` };
    const unknown = await app.server.request('/api/v1/nothing/here', { headers: auth });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    for (const [method, path, allow] of [
      ['POST', '/api/v1/intake-gate', 'GET'],
      ['POST', '/api/v1/north-star', 'GET'],
      ['PUT', '/api/v1/metrics', 'POST'],
      ['DELETE', '/api/v1/customers', 'GET, POST'],
      ['GET', '/api/v1/iarr', 'POST'],
    ] as const) {
      const response = await app.server.request(path, { method, headers: { ...auth, 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('Allow')).toBe(allow);
      expect((await response.json()).error.code).toBe('method_not_allowed');
    }
  });

  it('keep the framework’s words off production error pages', async () => {
    const production = await startTestServer(app.database.db, { production: true });
    try {
      const response = await production.request('/no/such/page');
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('There is no page at this address.');
      expect(html).not.toContain('No route matches');
    } finally {
      await production.close();
    }
  });
});

describe('signing in', () => {
  async function signInWith(redirectTo: string) {
    const user = await createTestUser(app.database.db, 'viewer');
    return app.server.request('/login', { method: 'POST', body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD, redirectTo }) });
  }

  it.each(['/\t/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', '/\r\nSet-Cookie: x=1', '/\n/evil.example'])(
    'sends redirectTo %j back to this site only',
    async (redirectTo) => {
      const response = await signInWith(redirectTo);
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/');
    },
  );

  it('keeps a path on this site, with its query', async () => {
    expect((await signInWith('/partners?x=1')).headers.get('Location')).toBe('/partners?x=1');
  });

  it('refuses a same-origin claim whose Origin is another site', async () => {
    const response = await app.server.request('/logout', {
      method: 'POST', cookie: cookies.viewer, headers: { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});

describe('values no field can hold', () => {
  const api = (path: string, role: Role, body: string) =>
    app.server.request(path, { method: 'POST', headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' }, body });

  it.each([
    ['a NUL in a name', { name: 'Acme\u0000', strategicSegment: true, coMarket: 'high', newIndustry: false, visionAlignment: 'high' }, 'name'],
    ['a lone surrogate in notes', { name: 'Surrogate Co', notes: 'x\ud800y', strategicSegment: true, coMarket: 'high', newIndustry: false, visionAlignment: 'high' }, 'notes'],
    ['a lone surrogate in the related market', { name: 'Market Co', relatedMarket: '\udc00', strategicSegment: true, coMarket: 'high', newIndustry: true, visionAlignment: 'high' }, 'relatedMarket'],
  ])('refuse %s with a 422 naming the field', async (_what, body, field) => {
    const before = await app.database.db.selectFrom('customers').select('id').execute();
    const response = await api('/api/v1/customers', 'em', JSON.stringify(body));
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).error.fields)).toEqual([field]);
    expect(await app.database.db.selectFrom('customers').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a lone surrogate in an iARR note or external id, and year 0 anywhere', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const entry = { customer: customer.slug, bookedOn: '2026-11-02', amountUsd: 10, kind: 'expansion' };
    const note = await api('/api/v1/iarr', 'em', JSON.stringify({ entries: [{ ...entry, note: 'a\ud800', externalId: 'b\udfff' }] }));
    expect(Object.keys((await note.json()).error.fields).sort()).toEqual(['entries[0].externalId', 'entries[0].note']);
    const yearZero = await api('/api/v1/iarr', 'em', JSON.stringify({ entries: [{ ...entry, bookedOn: '0000-01-03' }] }));
    expect((await yearZero.json()).error.fields['entries[0].bookedOn']).toContain('from 2000 to 2100');
    const week = await app.server.request('/api/v1/weekly-updates/0000-01-03', { headers: { Authorization: `Bearer ${tokens.viewer}` } });
    expect(week.status).toBe(422);
  });

  it.each(['null', '42', '[1,2]', '"text"'])('answers a JSON body of %s with a 422 on the body', async (body) => {
    const response = await api('/api/v1/customers', 'em', body);
    expect(response.status).toBe(422);
    expect((await response.json()).error.fields).toHaveProperty('body');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('answers the intent %s with a 400, for a viewer too', async (intent) => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const response = await app.server.request(`/customers/${customer.slug}`, { method: 'POST', cookie: cookies.viewer, body: new URLSearchParams({ intent }) });
    expect(response.status).toBe(400);
  });

  it('refuses a version beyond any the database gives, and an id in hex', async () => {
    const customer = await createTestCustomer(app.database.db);
    const edit = await app.server.request(`/customers/${customer.slug}`, {
      method: 'POST', cookie: cookies.exec,
      body: new URLSearchParams({ intent: 'edit-answers', version: '2147483648', name: customer.name, strategicSegment: 'yes', coMarket: 'high', newIndustry: 'no', visionAlignment: 'high' }),
    });
    expect(edit.status).toBe(422);
    const target = await createTestUser(app.database.db, 'viewer');
    const hex = await app.server.request('/users', {
      method: 'POST', cookie: cookies.exec,
      body: new URLSearchParams({ intent: 'change-role', userId: `0x${target.id.toString(16)}`, role: 'em', version: String(target.version) }),
    });
    expect(hex.status).toBe(422);
    expect((await app.database.db.selectFrom('users').select('role').where('id', '=', target.id).executeTakeFirstOrThrow()).role).toBe('viewer');
  });
});

describe('partnership exits', () => {
  it.each(['9999-12-27', '2026-11-19'])('refuse an exit dated %s, after today', async (exitedOn) => {
    const partner = await createTestCustomer(app.database.db, { stage: 'active' });
    const response = await app.server.request(`/customers/${partner.slug}`, {
      method: 'POST', cookie: cookies.em,
      body: new URLSearchParams({ intent: 'end', version: String(partner.version), exitNotes: 'Done', exitedOn, confirmEnd: 'on' }),
    });
    expect(response.status).toBe(422);
    const stage = await app.database.db.selectFrom('customers').select('stage').where('id', '=', partner.id).executeTakeFirstOrThrow();
    expect(stage.stage).toBe('active');
  });
});

describe('exports', () => {
  it('neutralise cells a spreadsheet would run as a formula', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    await app.database.db
      .insertInto('iarr_entries')
      .values([
        { customer_id: customer.id, booked_on: '2026-11-02', amount_usd: 5, kind: 'expansion', note: '=HYPERLINK("http://evil.example","x")', external_id: '@SUM(1+1)' },
        { customer_id: customer.id, booked_on: '2026-11-03', amount_usd: 6, kind: 'expansion', note: '-2+3', external_id: '+cmd' },
        { customer_id: customer.id, booked_on: '2026-11-04', amount_usd: 7, kind: 'expansion', note: '\tTab', external_id: 'plain' },
      ])
      .execute();
    const csv = await (await app.server.request('/export/iarr.csv', { cookie: cookies.viewer })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",'@SUM(1+1)`);
    expect(csv).toContain(`'-2+3,'+cmd`);
    expect(csv).toContain(`'\tTab,plain`);
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
  });
});

describe('managing users at the edges', () => {
  const post = (role: Role, fields: Record<string, string>) =>
    app.server.request('/users', { method: 'POST', cookie: cookies[role], body: new URLSearchParams(fields) });
  const userRow = (id: number) =>
    app.database.db.selectFrom('users').select(['role', 'disabled_at', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps the last active exec: neither demoted nor disabled (409)', async () => {
    const otherExecs = await app.database.db.selectFrom('users').select('id').where('role', '=', 'exec').where('id', '!=', users.exec.id).execute();
    await app.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', 'in', otherExecs.length ? otherExecs.map((row) => row.id) : [0]).execute();
    const self = await userRow(users.exec.id);
    const demote = await post('exec', { intent: 'change-role', userId: String(users.exec.id), role: 'viewer', version: String(self.version) });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain('last active exec');
    expect((await userRow(users.exec.id)).role).toBe('exec');
  });

  it('lets an exec enable a disabled user again, who can then sign in; an EM never an exec', async () => {
    const em = await createTestUser(app.database.db, 'em');
    const exec = await createTestUser(app.database.db, 'exec');
    await app.database.db.updateTable('users').set({ disabled_at: new Date(), version: 2 }).where('id', 'in', [em.id, exec.id]).execute();
    expect((await post('em', { intent: 'enable', userId: String(exec.id), version: '2' })).status).toBe(403);
    expect((await post('exec', { intent: 'enable', userId: String(em.id), version: '2' })).status).toBe(302);
    expect((await userRow(em.id)).disabled_at).toBeNull();
    await signIn(app.server, em.email, TEST_PASSWORD);
    const audit = await app.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'user.enabled').where('entity_id', '=', String(em.id)).execute();
    expect(audit).toEqual([{ actor_id: users.exec.id }]);
  });

  it('lets a manager set a new password: that user’s sessions end, their tokens stay, and the new one signs in', async () => {
    const viewer = await createTestUser(app.database.db, 'viewer');
    const oldSession = await signIn(app.server, viewer.email, TEST_PASSWORD);
    const short = await post('em', { intent: 'set-password', userId: String(viewer.id), version: String(viewer.version), password: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).not.toContain('value="short"');
    const set = await post('em', { intent: 'set-password', userId: String(viewer.id), version: String(viewer.version), password: 'a brand new passphrase' });
    expect(set.status).toBe(302);
    expect((await app.server.request('/', { cookie: oldSession })).status).toBe(302);
    expect((await app.server.request('/login', { method: 'POST', body: new URLSearchParams({ email: viewer.email, password: TEST_PASSWORD }) })).status).toBe(401);
    const fresh = await app.server.request('/login', { method: 'POST', body: new URLSearchParams({ email: viewer.email, password: 'a brand new passphrase' }) });
    expect(fresh.status).toBe(302);
    expect(cookieFrom(fresh)).toBeTruthy();
    const exec = await createTestUser(app.database.db, 'exec');
    expect((await post('em', { intent: 'set-password', userId: String(exec.id), version: String(exec.version), password: 'a brand new passphrase' })).status).toBe(403);
  });
});
