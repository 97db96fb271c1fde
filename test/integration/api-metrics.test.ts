import { describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { addDays } from '~/domain/dates';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer } from '../factories/customers';

const app = setUpTestServer();
const { users, tokens } = setUpUserPerRole(app);

// The test server's clock says 2026-11-18: the current week starts 2026-11-16.
const THIS_WEEK = '2026-11-16';

function post(path: string, role: Role, body: unknown) {
  return app.server.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const snapshot = (customer: string, overrides: Record<string, unknown> = {}) => ({
  customer, weekStart: '2026-11-09', completionsShown: 1000, completionsAccepted: 350, dau: 80, availableDevelopers: 100, ...overrides,
});

async function storedSnapshots(customerId: number) {
  return app.database.db.selectFrom('metric_snapshots').select(['week_start', 'dau']).where('customer_id', '=', customerId).orderBy('week_start').execute();
}

describe('POST /api/v1/metrics', () => {
  it('inserts, then replaces the same customer-weeks, auditing the old values', async () => {
    const [a, b] = [await createTestCustomer(app.database.db, { stage: 'active' }), await createTestCustomer(app.database.db, { stage: 'active' })];
    const first = await post('/metrics', 'em', { snapshots: [snapshot(a.slug), snapshot(b.slug)] });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ inserted: 2, updated: 0 });
    const again = await post('/metrics', 'em', { snapshots: [snapshot(a.slug, { dau: 90 }), snapshot(b.slug, { weekStart: THIS_WEEK })] });
    expect(await again.json()).toEqual({ inserted: 1, updated: 1 });
    expect(await storedSnapshots(a.id)).toEqual([{ week_start: '2026-11-09', dau: 90 }]);
    const audit = await app.database.db.selectFrom('audit_log').select(['actor_id', 'before']).where('action', '=', 'metrics.recorded').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(users.em.id);
    expect(audit.before).toEqual([expect.objectContaining({ customer: a.slug, week_start: '2026-11-09', dau: 80 })]);
  });

  it('writes nothing when one row is bad, and names its row and field (422)', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const cases: [Record<string, unknown>, string][] = [
      [{ dau: 101 }, 'snapshots[1].dau'],
      [{ completionsAccepted: 1001 }, 'snapshots[1].completionsAccepted'],
      [{ weekStart: '2026-11-10' }, 'snapshots[1].weekStart'],
      [{ weekStart: addDays(THIS_WEEK, 7) }, 'snapshots[1].weekStart'],
      [{ availableDevelopers: 0, dau: 0 }, 'snapshots[1].availableDevelopers'],
      [{ completionsShown: 1e12 }, 'snapshots[1].completionsShown'],
      [{ dau: -1 }, 'snapshots[1].dau'],
      [{ customer: 'nobody' }, 'snapshots[1].customer'],
      [{ weekStart: '2026-11-02' }, 'snapshots[1].weekStart'],
    ];
    for (const [overrides, path] of cases) {
      const second = overrides.weekStart === '2026-11-02' ? snapshot(customer.slug, { weekStart: '2026-11-02' }) : snapshot(customer.slug, overrides);
      const rows = overrides.weekStart === '2026-11-02'
        ? [snapshot(customer.slug, { weekStart: '2026-11-02' }), second] // the same customer-week twice
        : [snapshot(customer.slug, { weekStart: '2026-10-26' }), second];
      const response = await post('/metrics', 'exec', { snapshots: rows });
      expect(response.status, JSON.stringify(overrides)).toBe(422);
      expect(Object.keys((await response.json()).error.fields)).toEqual([path]);
    }
    expect(await storedSnapshots(customer.id)).toEqual([]);
  });

  it('names every problem of every row at once: a type error does not hide an unknown customer, a future week or a repeat', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const response = await post('/metrics', 'em', {
      snapshots: [
        snapshot(customer.slug, { dau: 'many' }),
        snapshot('nobody'),
        snapshot(customer.slug, { weekStart: addDays(THIS_WEEK, 7) }),
        snapshot(customer.slug, { weekStart: '2026-11-02' }),
        snapshot(customer.slug, { weekStart: '2026-11-02', completionsAccepted: -1 }),
      ],
    });
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).error.fields).sort()).toEqual([
      'snapshots[0].dau', 'snapshots[1].customer', 'snapshots[2].weekStart', 'snapshots[4].completionsAccepted', 'snapshots[4].weekStart',
    ]);
    const iarr = await post('/iarr', 'em', {
      entries: [
        { customer: customer.slug, bookedOn: '2026-11-02', amountUsd: 'lots', kind: 'expansion', externalId: 'crm-1' },
        { customer: 'nobody', bookedOn: '2026-11-02', amountUsd: 10, kind: 'expansion', externalId: 'crm-1' },
      ],
    });
    expect(iarr.status).toBe(422);
    expect(Object.keys((await iarr.json()).error.fields).sort()).toEqual(['entries[0].amountUsd', 'entries[1].customer', 'entries[1].externalId']);
    // A customer the database could not even look up is named by the schema alone, with the rest.
    const unstorable = await post('/metrics', 'em', { snapshots: [snapshot('nul\u0000slug'), snapshot(customer.slug, { dau: -1 })] });
    expect(unstorable.status).toBe(422);
    expect(Object.keys((await unstorable.json()).error.fields).sort()).toEqual(['snapshots[0].customer', 'snapshots[1].dau']);
    expect(await storedSnapshots(customer.id)).toEqual([]);
  });

  it('lets a lead engineer write only their own customers: one foreign row refuses the whole request (403)', async () => {
    const own = await createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
    const foreign = await createTestCustomer(app.database.db, { stage: 'active' });
    expect((await post('/metrics', 'engineer', { snapshots: [snapshot(own.slug)] })).status).toBe(200);
    const mixed = await post('/metrics', 'engineer', { snapshots: [snapshot(own.slug, { dau: 1 }), snapshot(foreign.slug, { dau: 'bad' })] });
    expect(mixed.status).toBe(403);
    const refusal = await app.database.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'access.denied').executeTakeFirst();
    expect(refusal).toEqual({ actor_id: users.engineer.id, entity_id: '/api/v1/metrics' });
    expect(await storedSnapshots(foreign.id)).toEqual([]);
    expect(await storedSnapshots(own.id)).toEqual([{ week_start: '2026-11-09', dau: 80 }]);
    expect((await post('/metrics', 'viewer', { snapshots: [snapshot(own.slug)] })).status).toBe(403);
  });

  it('answers 400 for malformed JSON, 401 without a token, 422 for an empty list', async () => {
    expect((await post('/metrics', 'em', '{"snapshots": [')).status).toBe(400);
    expect((await app.server.request('/api/v1/metrics', { method: 'POST', body: '{}' })).status).toBe(401);
    const empty = await post('/metrics', 'em', { snapshots: [] });
    expect((await empty.json()).error.fields).toEqual({ snapshots: 'Send at least one snapshot.' });
  });
});

describe('POST /api/v1/iarr', () => {
  it('is idempotent by external id: the same entry again is skipped, other values are a 409', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const entry = { customer: customer.slug, bookedOn: '2026-11-02', amountUsd: 120_000, kind: 'expansion', note: 'Q4', externalId: 'crm-42' };
    expect(await (await post('/iarr', 'em', { entries: [entry] })).json()).toEqual({ inserted: 1, skipped: 0 });
    const repeat = await post('/iarr', 'em', { entries: [entry, { ...entry, externalId: 'crm-43', amountUsd: 5 }] });
    expect(await repeat.json()).toEqual({ inserted: 1, skipped: 1 });
    const conflict = await post('/iarr', 'em', { entries: [{ ...entry, amountUsd: 130_000 }] });
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error).toMatchObject({ code: 'external_id_conflict', fields: { 'entries[0].externalId': expect.any(String) } });
    const stored = await app.database.db.selectFrom('iarr_entries').select(['amount_usd']).where('customer_id', '=', customer.id).orderBy('id').execute();
    expect(stored).toEqual([{ amount_usd: 120_000 }, { amount_usd: 5 }]);
  });

  it('counts only bookings up to today as realized, future ones kept in the ledger', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active', name: 'Ledger Co' });
    await post('/iarr', 'exec', { entries: [
      { customer: customer.slug, bookedOn: '2026-11-18', amountUsd: 100, kind: 'net_new' },
      { customer: customer.slug, bookedOn: '2026-11-19', amountUsd: 1000, kind: 'expansion' },
    ] });
    const { customers } = await (await app.server.request('/api/v1/customers', { headers: { Authorization: `Bearer ${tokens.viewer}` } })).json();
    expect(customers.find((row: { slug: string }) => row.slug === customer.slug).latest.iarrUsd).toBe(100);
  });

  it('refuses a zero amount, an unknown kind and a repeated external id within one request (422)', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const base = { customer: customer.slug, bookedOn: '2026-11-02', amountUsd: 10, kind: 'expansion' };
    const response = await post('/iarr', 'em', { entries: [{ ...base, amountUsd: 0 }, { ...base, kind: 'gift' }] });
    expect(Object.keys((await response.json()).error.fields).sort()).toEqual(['entries[0].amountUsd', 'entries[1].kind']);
    const twice = await post('/iarr', 'em', { entries: [{ ...base, externalId: 'x' }, { ...base, externalId: 'x' }] });
    expect((await twice.json()).error.fields).toEqual({ 'entries[1].externalId': 'The external id "x" appears twice.' });
  });
});

describe('GET /api/v1/north-star', () => {
  it('sums partner DAU by week, every week present, oldest first, against an independent sum', async () => {
    await app.database.db.deleteFrom('metric_snapshots').execute();
    const active = await createTestCustomer(app.database.db, { stage: 'active' });
    const graduated = await createTestCustomer(app.database.db, { stage: 'handed_off' });
    const candidate = await createTestCustomer(app.database.db, { stage: 'candidate' });
    const ended = await createTestCustomer(app.database.db, { stage: 'ended' });
    const rows = [
      [active, '2026-11-16', 10], [active, '2026-11-09', 20], [active, '2026-10-05', 5], [graduated, '2026-11-09', 7],
      [candidate, '2026-11-09', 1000], [ended, '2026-11-09', 1000], [active, '2026-06-01', 999],
    ] as const;
    await app.database.db.insertInto('metric_snapshots').values(rows.map(([customer, week, dau]) => ({
      customer_id: customer.id, week_start: week, completions_shown: 10, completions_accepted: 1, dau, available_developers: 2000,
    }))).execute();

    const response = await app.server.request('/api/v1/north-star?weeks=8', { headers: { Authorization: `Bearer ${tokens.viewer}` } });
    const { series } = await response.json();
    const weeks = Array.from({ length: 8 }, (_, index) => addDays(THIS_WEEK, -7 * (7 - index)));
    const partners = new Set([active.slug, graduated.slug]);
    const expected = weeks.map((weekStart) => {
      const byCustomer = Object.fromEntries(rows.filter(([customer, week]) => week === weekStart && partners.has(customer.slug)).map(([customer, , dau]) => [customer.slug, dau]));
      return { weekStart, totalDau: Object.values(byCustomer).reduce((sum, dau) => sum + dau, 0), byCustomer };
    });
    expect(series).toEqual(expected);
    expect(series.map((week: { totalDau: number }) => week.totalDau)).toEqual([0, 5, 0, 0, 0, 0, 27, 10]);
  });

  it('defaults to 12 weeks and refuses 0 or more than 156', async () => {
    const auth = { headers: { Authorization: `Bearer ${tokens.viewer}` } };
    expect((await (await app.server.request('/api/v1/north-star', auth)).json()).series).toHaveLength(12);
    expect((await (await app.server.request('/api/v1/north-star?weeks=156', auth)).json()).series).toHaveLength(156);
    for (const weeks of ['0', '157', 'many']) {
      const response = await app.server.request(`/api/v1/north-star?weeks=${weeks}`, auth);
      expect(response.status).toBe(422);
      expect(Object.keys((await response.json()).error.fields)).toEqual(['weeks']);
    }
  });
});
