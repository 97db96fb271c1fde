import { beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '~/auth/api-tokens.server';
import { updateOverdueEvent } from '~/domain/events';
import type { Role } from '~/domain/roles';
import { runPeriodicChecks } from '~/jobs/periodic-checks.server';
import { raiseEvent } from '~/models/events.server';
import { createTestCustomer } from '../factories/customers';
import { createTestUser, TEST_PASSWORD, TEST_SETUP } from '../factories/users';
import { callApi, setUpTestServer, setUpUserPerRole, signIn } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

// The test server's clock: Wednesday 2026-11-18, in the week of 2026-11-16.
const WEEK = '2026-11-16';
let partner: { id: number; slug: string; name: string };
let otherEngineer: { token: string; cookie: string };

type Inbox = { notifications: { id: number; event: string; createdAt: string; readAt: string | null; text: string; link: string }[]; unread: number };

const inboxOf = async (token: string): Promise<Inbox> => (await callApi(app.server, token, '/api/v1/notifications')).json();
const eventsIn = async (token: string) => (await inboxOf(token)).notifications.map((notification) => notification.event);
const snapshot = (dau: number) => ({
  snapshots: [{ customer: partner.slug, weekStart: WEEK, completionsShown: 1000, completionsAccepted: 400, dau, availableDevelopers: 100 }],
});

beforeAll(async () => {
  const { db } = app.database;
  partner = await createTestCustomer(db, { stage: 'active', name: 'Acme Freight', leadEngineerId: users.engineer.id });
  const other = await createTestUser(db, 'engineer');
  otherEngineer = {
    token: (await issueApiToken(db, { userId: other.id, name: 'test', by: TEST_SETUP })).token,
    cookie: await signIn(app.server, other.email, TEST_PASSWORD),
  };
});

describe('events raised by writes, and who gets them', () => {
  it('raises partner.status_changed and gate.opened when a write makes the only partner succeed, each to its audience', async () => {
    // No snapshot yet: the gate is closed (no data); the iARR alone changes neither the gate nor the status.
    const iarr = await callApi(app.server, tokens.engineer, '/api/v1/iarr', {
      body: { entries: [{ customer: partner.slug, bookedOn: '2026-11-02', amountUsd: 300_000, kind: 'expansion' }] },
    });
    expect(iarr.status).toBe(200);
    expect(await eventsIn(tokens.em)).toEqual([]);

    expect((await callApi(app.server, tokens.engineer, '/api/v1/metrics', { body: snapshot(60) })).status).toBe(200);
    expect(await eventsIn(tokens.em)).toEqual(['gate.opened', 'partner.status_changed']);
    expect(await eventsIn(tokens.exec)).toEqual(['gate.opened', 'partner.status_changed']);
    expect(await eventsIn(tokens.engineer)).toEqual(['gate.opened', 'partner.status_changed']);
    expect(await eventsIn(tokens.viewer)).toEqual(['gate.opened']);
    expect(await eventsIn(otherEngineer.token)).toEqual(['gate.opened']);

    const inbox = await inboxOf(tokens.em);
    expect(inbox.unread).toBe(2);
    expect(inbox.notifications[1]).toMatchObject({
      event: 'partner.status_changed', readAt: null, text: 'Acme Freight is now succeeding (was no data).', link: `/customers/${partner.slug}`,
      createdAt: '2026-11-18T10:00:00.000Z',
    });
  });

  it('raises nothing for a write that changes neither the gate nor a status, and gate.closed with its reasons when one does', async () => {
    expect((await callApi(app.server, tokens.engineer, '/api/v1/metrics', { body: snapshot(61) })).status).toBe(200);
    expect(await eventsIn(tokens.viewer)).toEqual(['gate.opened']);

    expect((await callApi(app.server, tokens.engineer, '/api/v1/metrics', { body: snapshot(20) })).status).toBe(200);
    const [closed] = (await inboxOf(tokens.viewer)).notifications;
    expect(closed).toMatchObject({ event: 'gate.closed', text: `The intake gate closed: Acme Freight: DAU 20.0 % < 50 % (week of ${WEEK}).` });
    expect((await eventsIn(tokens.em)).slice(0, 2)).toEqual(['gate.closed', 'partner.status_changed']);
  });

  it('raises blocker.opened for the EMs and the lead engineer only', async () => {
    const logged = await callApi(app.server, tokens.engineer, `/api/v1/customers/${partner.slug}/progress`, {
      body: { kind: 'blocker', occurredOn: '2026-11-18', body: 'SSO proxy drops\nstreaming responses' },
    });
    expect(logged.status).toBe(201);
    const [blocker] = (await inboxOf(tokens.engineer)).notifications;
    expect(blocker).toMatchObject({ event: 'blocker.opened', text: 'New blocker at Acme Freight: SSO proxy drops streaming responses' });
    expect((await eventsIn(tokens.em))[0]).toBe('blocker.opened');
    for (const token of [tokens.exec, tokens.viewer, otherEngineer.token]) expect(await eventsIn(token)).not.toContain('blocker.opened');
  });

  it('raises decision.recorded with the gate it moved, and nothing for a refused decision', async () => {
    const candidate = await createTestCustomer(app.database.db, { name: 'Borealis Air' });
    const refused = await callApi(app.server, tokens.exec, `/api/v1/customers/${candidate.slug}/decisions`, {
      body: { decision: 'approve', rationale: 'Strong fit.' },
    });
    expect(refused.status).toBe(409);
    expect(await eventsIn(tokens.exec)).not.toContain('decision.recorded');

    // The gate is open once the partner succeeds again; approving fills a second seat with a partner with no data.
    await callApi(app.server, tokens.engineer, '/api/v1/metrics', { body: snapshot(60) });
    const approved = await callApi(app.server, tokens.exec, `/api/v1/customers/${candidate.slug}/decisions`, {
      body: { decision: 'approve', rationale: 'Strong fit.' },
    });
    expect(approved.status).toBe(201);
    const [gate, decision] = (await inboxOf(tokens.exec)).notifications;
    expect(decision).toMatchObject({ event: 'decision.recorded', text: `${users.exec.name} approved Borealis Air.`, link: `/customers/${candidate.slug}` });
    expect(gate).toMatchObject({ event: 'gate.closed', text: 'The intake gate closed: Borealis Air: no metrics yet; Borealis Air: iARR $0 < $250,000.' });
    expect(await eventsIn(tokens.viewer)).not.toContain('decision.recorded');
  });

  it('raises weekly_update.submitted once, for EMs, with the Markdown the API gives', async () => {
    const path = `/api/v1/weekly-updates/${WEEK}`;
    const sections = { progress: '- Acme: **rolled out** to 60 devs', blockers: '', upcoming: '- Borealis kickoff' };
    expect((await callApi(app.server, tokens.em, path, { body: { ...sections, action: 'save' } })).status).toBe(200);
    expect(await eventsIn(tokens.em)).not.toContain('weekly_update.submitted');
    const submitted = await callApi(app.server, tokens.em, path, { body: { ...sections, action: 'submit', version: 1 } });
    expect(submitted.status).toBe(200);
    const { markdown } = await submitted.json();
    const [event] = (await inboxOf(tokens.em)).notifications;
    expect(event).toMatchObject({ event: 'weekly_update.submitted', text: markdown, link: `/updates/${WEEK}` });
    // An amendment is not a second submission.
    expect((await callApi(app.server, tokens.em, path, { body: { ...sections, upcoming: 'More', action: 'submit', version: 2 } })).status).toBe(200);
    expect((await eventsIn(tokens.em)).filter((kind) => kind === 'weekly_update.submitted')).toHaveLength(1);
    for (const role of ['exec', 'engineer', 'viewer'] as Role[]) expect(await eventsIn(tokens[role])).not.toContain('weekly_update.submitted');
  });

  it('raises nothing when the write that raised the event rolls back', async () => {
    const before = await eventsIn(tokens.em);
    await expect(
      app.database.db.transaction().execute(async (trx) => {
        await raiseEvent(trx, updateOverdueEvent('2026-11-09'), new Date());
        throw new Error('the write failed after raising its event');
      }),
    ).rejects.toThrow('the write failed');
    expect(await eventsIn(tokens.em)).toEqual(before);
    const stored = await app.database.db.selectFrom('events').select('id').where('dedupe_key', '=', 'weekly_update.overdue:2026-11-09').execute();
    expect(stored).toEqual([]);
  });
});

describe('the periodic checks', () => {
  it('raise metrics.stale once per stale spell and weekly_update.overdue once per week, one instance at a time', async () => {
    const { db } = app.database;
    // Three weeks on, Saturday 2026-12-12: the snapshot of the week of 2026-11-16 is stale; the week of 2026-12-07 is overdue.
    const later = new Date('2026-12-12T09:00:00Z');
    const runs = await Promise.all([runPeriodicChecks(db, later, 'UTC'), runPeriodicChecks(db, later, 'UTC')]);
    expect(runs.filter((raised) => raised !== null && raised > 0)).toEqual([2]);
    expect(await runPeriodicChecks(db, new Date('2026-12-13T09:00:00Z'), 'UTC')).toBe(0);
    const [overdue, stale] = (await inboxOf(tokens.em)).notifications;
    expect(overdue).toMatchObject({ event: 'weekly_update.overdue', text: 'The weekly update for the week of 2026-12-07 is overdue: it was due on Friday 2026-12-11.' });
    expect(stale).toMatchObject({ event: 'metrics.stale', text: `Acme Freight's metrics are stale: the latest snapshot is for the week of ${WEEK}.` });
    expect((await eventsIn(tokens.engineer))[0]).toBe('metrics.stale');
    expect(await eventsIn(tokens.exec)).not.toContain('metrics.stale');
  });
});

describe('reading and muting', () => {
  it('marks the caller’s own notifications read, by id or all, ignoring others’ ids; non-integer ids are a 422', async () => {
    const mine = (await inboxOf(tokens.viewer)).notifications;
    const theirs = (await inboxOf(tokens.em)).notifications;
    const read = await callApi(app.server, tokens.viewer, '/api/v1/notifications/read', { body: { ids: [mine[0]!.id, theirs[0]!.id] } });
    expect(await read.json()).toEqual({ updated: 1 });
    expect((await inboxOf(tokens.em)).notifications[0]!.readAt).toBeNull();
    expect((await inboxOf(tokens.viewer)).unread).toBe(mine.length - 1);

    for (const body of [{ ids: ['1'] }, { ids: [1.5] }, {}, { ids: [1], all: true }, { all: false }]) {
      const refused = await callApi(app.server, tokens.viewer, '/api/v1/notifications/read', { body });
      expect(refused.status).toBe(422);
      expect(Object.keys((await refused.json()).error.fields)[0]).toMatch(/^(ids|all)/);
    }
    expect((await (await callApi(app.server, tokens.viewer, '/api/v1/notifications/read', { body: { ids: ['x'] } })).json()).error.fields).toHaveProperty(['ids[0]']);

    expect(await (await callApi(app.server, tokens.viewer, '/api/v1/notifications/read', { body: { all: true } })).json()).toEqual({ updated: mine.length - 1 });
    expect((await inboxOf(tokens.viewer)).unread).toBe(0);
  });

  it('shows the unread count in every page’s header, and the inbox with a link to each thing, newest first', async () => {
    const { unread, notifications } = await inboxOf(tokens.engineer);
    expect(unread).toBeGreaterThan(0);
    for (const path of ['/', '/partners', '/settings']) {
      const html = await (await app.server.request(path, { cookie: cookies.engineer })).text();
      expect(html).toContain(`<span class="unread-count">${unread}<span class="visually-hidden"> unread</span></span>`);
    }
    const inbox = await (await app.server.request('/notifications', { cookie: cookies.engineer })).text();
    expect(inbox).toContain(`${unread} unread notifications.`);
    expect(inbox.indexOf('metrics are stale')).toBeLessThan(inbox.indexOf('New blocker at Acme Freight'));
    expect(inbox).toMatch(new RegExp(`<a [^>]*href="/customers/${partner.slug}">New blocker at Acme Freight: SSO proxy drops streaming responses</a>`));

    const one = await app.server.request('/notifications', { method: 'POST', cookie: cookies.engineer, body: new URLSearchParams({ intent: 'read', id: String(notifications[0]!.id) }) });
    expect(one.status).toBe(302);
    expect((await inboxOf(tokens.engineer)).unread).toBe(unread - 1);
    const all = await app.server.request('/notifications', { method: 'POST', cookie: cookies.engineer, body: new URLSearchParams({ intent: 'read-all' }) });
    expect(all.status).toBe(302);
    expect((await inboxOf(tokens.engineer)).unread).toBe(0);
    const html = await (await app.server.request('/', { cookie: cookies.engineer })).text();
    expect(html).not.toContain('unread-count');
  });

  it('leaves muted kinds out of a user’s inbox, and offers each role only the kinds it can get', async () => {
    const settings = await (await app.server.request('/settings', { cookie: cookies.viewer })).text();
    expect(settings).toContain('value="gate.opened"');
    expect(settings).not.toContain('name="notify" value="blocker.opened"');

    // The EM keeps everything but blockers.
    const kept = ['gate.opened', 'gate.closed', 'partner.status_changed', 'metrics.stale', 'weekly_update.overdue', 'weekly_update.submitted', 'decision.recorded'];
    const form = new URLSearchParams([['intent', 'mute-events'], ...kept.map((kind) => ['notify', kind])]);
    expect((await app.server.request('/settings', { method: 'POST', cookie: cookies.em, body: form })).status).toBe(302);
    const emSettings = await (await app.server.request('/settings', { cookie: cookies.em })).text();
    expect(emSettings).toContain('name="notify" value="blocker.opened"/>');
    expect(emSettings).toContain('name="notify" checked="" value="gate.opened"/>');

    await callApi(app.server, tokens.engineer, `/api/v1/customers/${partner.slug}/progress`, { body: { kind: 'blocker', occurredOn: '2026-11-18', body: 'Second blocker' } });
    expect((await inboxOf(tokens.engineer)).notifications[0]!.text).toBe('New blocker at Acme Freight: Second blocker');
    expect((await inboxOf(tokens.em)).notifications[0]!.text).not.toContain('Second blocker');

    const audit = await app.database.db.selectFrom('audit_log').select(['actor_id', 'after']).where('action', '=', 'notifications.muted').execute();
    expect(audit).toEqual([{ actor_id: users.em.id, after: ['blocker.opened'] }]);
    const unknown = await app.server.request('/settings', { method: 'POST', cookie: cookies.em, body: new URLSearchParams({ intent: 'mute-events', notify: '__proto__' }) });
    expect(unknown.status).toBe(422);
  });
});
