import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blockerOpenedEvent } from '~/domain/events';
import { raiseEvent } from '~/models/events.server';
import { createTestCustomer } from '../factories/customers';
import { TEST_PASSWORD } from '../factories/users';
import { callApi, setUpTestServer, setUpUserPerRole, signIn, startTestServer } from '../support/http-server';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const app = setUpTestServer({ jobs: { webhookTimeoutMs: 300 } });
const { users, tokens } = setUpUserPerRole(app);
let customer: { id: number; slug: string; name: string };
let receiver: WebhookReceiver;
let blockers = 0;

beforeAll(async () => {
  customer = await createTestCustomer(app.database.db, { stage: 'active', name: 'Cirrus Systems' });
});
afterEach(async () => {
  await app.database.db.deleteFrom('webhooks').execute();
  await receiver?.close();
});

const sender = () => app.server.jobs!.sender;
async function addWebhook(events = ['blocker.opened', 'weekly_update.submitted']) {
  receiver = await startWebhookReceiver();
  const response = await callApi(app.server, tokens.em, '/api/v1/webhooks', { body: { url: receiver.url, events } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number; url: string; events: string[]; secret: string };
}
async function logBlocker(body = `Blocker ${++blockers}`) {
  const response = await callApi(app.server, tokens.em, `/api/v1/customers/${customer.slug}/progress`, { body: { kind: 'blocker', occurredOn: '2026-11-18', body } });
  expect(response.status).toBe(201);
}
const deliveriesOf = (webhookId: number) =>
  app.database.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id').execute();
/** Moves the server's clock and lets the sender look for what fell due. */
async function advance(ms: number) {
  app.server.clock.advance(ms);
  sender().wake();
  await sender().idle();
}

describe('webhooks through the API', () => {
  it('lets execs and EMs add, list and delete webhooks; the secret is shown once; bad URLs and events are 422', async () => {
    for (const role of ['engineer', 'viewer'] as const) {
      expect((await callApi(app.server, tokens[role], '/api/v1/webhooks', { body: { url: 'https://example.com', events: ['gate.opened'] } })).status).toBe(403);
      expect((await callApi(app.server, tokens[role], '/api/v1/webhooks')).status).toBe(403);
    }
    const refusals: [unknown, string][] = [
      [{ url: 'ftp://example.com/hook', events: ['gate.opened'] }, 'url'],
      [{ url: 'not a url', events: ['gate.opened'] }, 'url'],
      [{ url: 'https://example.com/hook', events: [] }, 'events'],
      [{ url: 'https://example.com/hook', events: ['gate.opened', 'webhook.test'] }, 'events[1]'],
      [{ url: 'https://example.com/hook', events: ['__proto__'] }, 'events[0]'],
      [{ url: 'https://example.com/hook' }, 'events'],
    ];
    for (const [body, field] of refusals) {
      const response = await callApi(app.server, tokens.exec, '/api/v1/webhooks', { body });
      expect(response.status).toBe(422);
      expect((await response.json()).error.fields).toHaveProperty([field]);
    }
    const webhook = await addWebhook(['gate.opened']);
    expect(webhook).toEqual({ id: webhook.id, url: receiver.url, events: ['gate.opened'], secret: expect.stringMatching(/^whsec_[\w-]{43}$/) });
    const listed = await (await callApi(app.server, tokens.exec, '/api/v1/webhooks')).text();
    expect(listed).toContain(receiver.url);
    expect(listed).not.toContain(webhook.secret);
    expect((await callApi(app.server, tokens.exec, `/api/v1/webhooks/${webhook.id}`, { method: 'DELETE' })).status).toBe(204);
    const again = await callApi(app.server, tokens.exec, `/api/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('not_found');
    expect((await callApi(app.server, tokens.exec, '/api/v1/webhooks/abc', { method: 'DELETE' })).status).toBe(404);
    const audit = await app.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'webhook').orderBy('id').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['webhook.created', 'webhook.deleted']);
  });
});

describe('delivery', () => {
  it('posts the event signed with the secret, X-Strat-Delivery equal to its id; a submitted update carries its Markdown', async () => {
    const webhook = await addWebhook();
    const path = '/api/v1/weekly-updates/2026-11-16';
    const submitted = await callApi(app.server, tokens.em, path, { body: { progress: '- Cirrus: *pilot* live', blockers: '', upcoming: '', action: 'submit' } });
    expect(submitted.status).toBe(200);
    const [delivery] = await receiver.waitFor(1);
    const { markdown } = await (await callApi(app.server, tokens.viewer, path)).json();
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['x-strat-event']).toBe('weekly_update.submitted');
    expect(delivery!.headers['x-strat-delivery']).toBe(delivery!.json.id);
    const expected = createHmac('sha256', Buffer.from(webhook.secret, 'utf8')).update(delivery!.body).digest('hex');
    expect(delivery!.headers['x-strat-signature']).toBe(`sha256=${expected}`);
    expect(delivery!.json).toEqual({
      id: expect.stringMatching(/^\d+$/), event: 'weekly_update.submitted', occurredAt: '2026-11-18T10:00:00.000Z',
      data: { weekStart: '2026-11-16', markdown }, text: markdown,
    });
    await sender().idle();
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: 'delivered', attempts: 1, last_status_code: 200, last_error: null }]);
  });

  it('retries a 500 after 10 s with the same X-Strat-Delivery, and then it is delivered', async () => {
    const webhook = await addWebhook();
    receiver.answers.push(500);
    await logBlocker();
    await receiver.waitFor(1);
    await sender().idle();
    const [first] = await deliveriesOf(webhook.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500, last_error: 'HTTP 500: refused with 500' });
    expect(first!.next_attempt_at.getTime() - app.server.clock.now.getTime()).toBe(10_000);

    await advance(9_999);
    expect(receiver.received).toHaveLength(1);
    await advance(1);
    const [one, two] = await receiver.waitFor(2);
    await sender().idle();
    expect(two!.headers['x-strat-delivery']).toBe(one!.headers['x-strat-delivery']);
    expect(two!.body).toBe(one!.body);
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: 'delivered', attempts: 2, last_status_code: 200 }]);
  });

  it('fails a 400 at once, without retrying', async () => {
    const webhook = await addWebhook();
    receiver.answers.push(400);
    await logBlocker();
    await receiver.waitFor(1);
    await sender().idle();
    await advance(7 * 3_600_000);
    expect(receiver.received).toHaveLength(1);
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: 'failed', attempts: 1, last_status_code: 400 }]);
  });

  it('times out a receiver that does not answer, and retries it', async () => {
    const webhook = await addWebhook();
    receiver.answers.push('hang');
    await logBlocker();
    await receiver.waitFor(1);
    await sender().idle();
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: 'pending', attempts: 1, last_status_code: null, last_error: 'no answer within 0.3 s' }]);
    await advance(10_000);
    await receiver.waitFor(2);
    await sender().idle();
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });

  it('sends nothing for a write that fails after raising its event', async () => {
    const webhook = await addWebhook();
    await expect(
      app.database.db.transaction().execute(async (trx) => {
        await raiseEvent(trx, blockerOpenedEvent(customer, { id: 999_999, body: 'never logged' }), app.server.clock.now);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await advance(0);
    await logBlocker('logged for real');
    const [delivery] = await receiver.waitFor(1);
    await advance(0);
    expect(receiver.received).toHaveLength(1);
    expect(delivery!.json.data).toEqual({ customer: customer.slug, text: 'logged for real' });
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
  });

  it('on Settings: adds a webhook showing its secret once, sends a test event, shows recent deliveries, deletes', async () => {
    // Signed in now: the clock has moved past the sessions' idle timeout.
    const cookies = {
      exec: await signIn(app.server, users.exec.email, TEST_PASSWORD),
      engineer: await signIn(app.server, users.engineer.email, TEST_PASSWORD),
      viewer: await signIn(app.server, users.viewer.email, TEST_PASSWORD),
    };
    receiver = await startWebhookReceiver();
    const form = new URLSearchParams([['intent', 'create-webhook'], ['url', receiver.url], ['events', 'gate.opened'], ['events', 'gate.closed']]);
    const created = await app.server.request('/settings', { method: 'POST', cookie: cookies.exec, body: form });
    expect(created.status).toBe(201);
    const secret = /whsec_[\w-]{43}/.exec(await created.text())![0];
    const page = await (await app.server.request('/settings', { cookie: cookies.exec })).text();
    expect(page).toContain(receiver.url);
    expect(page).not.toContain(secret);
    const [webhook] = await app.database.db.selectFrom('webhooks').select(['id', 'events']).execute();
    expect(webhook!.events).toEqual(['gate.opened', 'gate.closed']);

    const tested = await app.server.request('/settings', { method: 'POST', cookie: cookies.exec, body: new URLSearchParams({ intent: 'test-webhook', webhookId: String(webhook!.id) }) });
    expect(tested.status).toBe(302);
    const [test] = await receiver.waitFor(1);
    expect(test!.json).toMatchObject({ event: 'webhook.test', text: 'A test event from Strat Tracker: this webhook works.' });
    expect(test!.headers['x-strat-signature']).toBe(`sha256=${createHmac('sha256', secret).update(test!.body).digest('hex')}`);
    await sender().idle();
    expect(await (await app.server.request('/settings', { cookie: cookies.exec })).text()).toMatch(/<td>webhook\.test<\/td><td>Delivered<\/td><td class="number">1<\/td>/);

    const bad = await app.server.request('/settings', { method: 'POST', cookie: cookies.exec, body: new URLSearchParams({ intent: 'create-webhook', url: 'gopher://x' }) });
    expect(bad.status).toBe(422);
    const badPage = await bad.text();
    expect(badPage).toContain('Give an http:// or https:// URL');
    expect(badPage).toContain('Pick at least one event.');
    expect(badPage).toContain('value="gopher://x"');

    for (const role of ['engineer', 'viewer'] as const) {
      expect(await (await app.server.request('/settings', { cookie: cookies[role] })).text()).not.toContain('id="webhooks"');
      const refused = await app.server.request('/settings', { method: 'POST', cookie: cookies[role], body: new URLSearchParams({ intent: 'delete-webhook', webhookId: String(webhook!.id) }) });
      expect(refused.status).toBe(403);
    }
    const deleted = await app.server.request('/settings', { method: 'POST', cookie: cookies.exec, body: new URLSearchParams({ intent: 'delete-webhook', webhookId: String(webhook!.id) }) });
    expect(deleted.status).toBe(302);
    expect(await app.database.db.selectFrom('webhooks').select('id').execute()).toEqual([]);
  });
});

describe('private addresses in production', () => {
  it('refuses a webhook to a loopback or private address unless WEBHOOK_ALLOW_PRIVATE, and never connects to one', async () => {
    const production = await startTestServer(app.database.db, { production: true });
    const allowing = await startTestServer(app.database.db, { production: true, allowPrivateWebhooks: true });
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://[::1]/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::ffff:192.168.0.1]/']) {
        const refused = await callApi(production, tokens.em, '/api/v1/webhooks', { body: { url, events: ['gate.opened'] } });
        expect(refused.status).toBe(422);
        expect((await refused.json()).error.fields.url).toMatch(/private address/);
      }
      expect((await callApi(allowing, tokens.em, '/api/v1/webhooks', { body: { url: 'http://127.0.0.1:9/hook', events: ['gate.opened'] } })).status).toBe(201);
    } finally {
      await production.close();
      await allowing.close();
    }
    const { postWebhook } = await import('~/jobs/webhook-post.server');
    receiver = await startWebhookReceiver();
    const refused = await postWebhook(receiver.url.replace('127.0.0.1', 'localhost'), '{}', {}, { timeoutMs: 1_000, allowPrivate: false });
    expect(refused).toEqual({ error: 'localhost resolves to a private address (127.0.0.1)' });
    expect(await postWebhook(receiver.url, '{}', {}, { timeoutMs: 1_000, allowPrivate: false })).toEqual({ error: '127.0.0.1 is a private address' });
    expect(receiver.received).toEqual([]);
  });
});

describe('a paused webhook (restored without its secret)', () => {
  it('gets no deliveries until it is given a new secret, then sends signed with that one', async () => {
    const webhook = await addWebhook(['blocker.opened']);
    await app.database.db.updateTable('webhooks').set({ secret: null }).where('id', '=', webhook.id).execute();
    const listed = await (await callApi(app.server, tokens.em, '/api/v1/webhooks')).json();
    expect(listed.webhooks).toEqual([expect.objectContaining({ id: webhook.id, paused: true })]);
    await logBlocker();
    await sender().idle();
    expect(await deliveriesOf(webhook.id)).toEqual([]);

    for (const role of ['engineer', 'viewer'] as const) {
      expect((await callApi(app.server, tokens[role], `/api/v1/webhooks/${webhook.id}/secret`, { method: 'POST' })).status).toBe(403);
    }
    expect((await callApi(app.server, tokens.em, '/api/v1/webhooks/999999/secret', { method: 'POST' })).status).toBe(404);
    const renewed = await callApi(app.server, tokens.em, `/api/v1/webhooks/${webhook.id}/secret`, { method: 'POST' });
    expect(renewed.status).toBe(200);
    const { secret } = await renewed.json();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(secret).not.toBe(webhook.secret);

    await logBlocker();
    const [delivery] = await receiver.waitFor(1);
    expect(delivery!.headers['x-strat-signature']).toBe(`sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(delivery!.body).digest('hex')}`);
    const audit = await app.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'webhook.secret_renewed').execute();
    expect(audit).toEqual([{ action: 'webhook.secret_renewed', actor_id: users.em.id }]);
  });
});

describe('a paused webhook on Settings', () => {
  it('is marked paused with no test to send; "Give it a new secret" shows the new one once and resumes it', async () => {
    const exec = await signIn(app.server, users.exec.email, TEST_PASSWORD);
    const webhook = await addWebhook(['gate.opened']);
    await app.database.db.updateTable('webhooks').set({ secret: null }).where('id', '=', webhook.id).execute();
    const page = await (await app.server.request('/settings', { cookie: exec })).text();
    expect(page).toContain('Paused: it was restored without its secret');
    expect(page).not.toContain(`Send a test event: ${receiver.url}`);
    const stale = await app.server.request('/settings', { method: 'POST', cookie: exec, body: new URLSearchParams({ intent: 'test-webhook', webhookId: String(webhook.id) }) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('This webhook is paused: give it a new secret first.');

    const renewed = await app.server.request('/settings', { method: 'POST', cookie: exec, body: new URLSearchParams({ intent: 'renew-webhook', webhookId: String(webhook.id) }) });
    expect(renewed.status).toBe(200);
    const secret = /whsec_[\w-]{43}/.exec(await renewed.text())![0];
    const after = await (await app.server.request('/settings', { cookie: exec })).text();
    expect(after).not.toContain(secret);
    expect(after).not.toContain('Paused: it was restored');
    expect(after).toContain(`Send a test event: ${receiver.url}`);
    expect(await app.database.db.selectFrom('webhooks').select('secret').where('id', '=', webhook.id).executeTakeFirstOrThrow()).toEqual({ secret });
  });
});
