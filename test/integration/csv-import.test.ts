import { describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer } from '../factories/customers';

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);

const SNAPSHOT_HEADER = 'customer,weekStart,completionsShown,completionsAccepted,dau,availableDevelopers';

function upload(role: Role, kind: string, csv: string) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'upload.csv');
  return app.server.request('/import', { method: 'POST', cookie: cookies[role], body: form });
}

function commit(role: Role, kind: string, csv: string) {
  return app.server.request('/import', { method: 'POST', cookie: cookies[role], body: new URLSearchParams({ intent: 'commit', kind, csv }) });
}

async function countSnapshots(customerId: number) {
  return (await app.database.db.selectFrom('metric_snapshots').select('week_start').where('customer_id', '=', customerId).execute()).length;
}

describe('importing snapshots from CSV', () => {
  it('previews a good file, then imports every row on commit', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const csv = [SNAPSHOT_HEADER, `${customer.slug},2026-11-02,1000,300,50,100`, `${customer.slug},2026-11-09,1200,400,60,100`].join('\n');
    const preview = await upload('em', 'snapshots', csv);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('2 rows of weekly snapshots are ready');
    expect(await countSnapshots(customer.id)).toBe(0);
    const committed = await commit('em', 'snapshots', csv);
    expect(committed.status).toBe(302);
    expect(committed.headers.get('Location')).toBe('/import?kind=snapshots&added=2&kept=0');
    expect(await countSnapshots(customer.id)).toBe(2);
  });

  it('lists each bad row with its line and reason, and commits nothing', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const csv = [
      SNAPSHOT_HEADER,
      `${customer.slug},2026-11-02,1000,300,50,100`,
      `${customer.slug},2026-11-03,1000,300,50,100`,
      `${customer.slug},2026-10-26,1000,300,150,100`,
      `${customer.slug},2026-10-19,99999999999,300,50,100`,
      `${customer.slug},2026-10-12,1000,1300,50,100`,
      `${customer.slug},2026-10-05,lots,300,50,100`,
    ].join('\n');
    const html = await (await upload('exec', 'snapshots', csv)).text();
    expect(html).toContain('Nothing can be imported yet: 5 problems');
    for (const [line, reason] of [
      [3, 'weekStart: The week must start on a Monday.'],
      [4, 'dau: DAU cannot be more than available developers'],
      [5, 'completionsShown: Completions shown is too large.'],
      [6, 'completionsAccepted: Completions accepted cannot be more than completions shown.'],
      [7, 'completionsShown: Give completions shown as a whole number.'],
    ] as const) {
      expect(html).toMatch(new RegExp(`<td class="number">${line}</td><td>${reason.replace(/[.()]/g, '\\$&')}`));
    }
    const refused = await commit('exec', 'snapshots', csv);
    expect(refused.status).toBe(422);
    expect(await countSnapshots(customer.id)).toBe(0);
  });

  it('names database problems by line: duplicate weeks, future weeks, unknown customers', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const csv = [
      SNAPSHOT_HEADER,
      `${customer.slug},2026-11-09,10,1,1,10`,
      `${customer.slug},2026-11-09,10,1,1,10`,
      `${customer.slug},2026-11-30,10,1,1,10`,
      'nobody,2026-11-09,10,1,1,10',
    ].join('\n');
    const html = await (await upload('em', 'snapshots', csv)).text();
    expect(html).toContain('<td class="number">3</td><td>weekStart: The week of 2026-11-09 of');
    expect(html).toContain('<td class="number">4</td><td>weekStart: The week of 2026-11-30 has not started yet.');
    expect(html).toContain('<td class="number">5</td><td>customer: No customer has the slug &quot;nobody&quot;.');
  });

  it('reports every problem of every row in one pass: types with unknown customers, future weeks and repeats', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const csv = [
      SNAPSHOT_HEADER,
      `${customer.slug},2026-11-09,lots,1,1,10`,
      'nobody,2026-11-09,10,1,1,10',
      `${customer.slug},2026-11-30,10,1,1,10`,
      `${customer.slug},2026-11-02,10,1,1,10`,
      `${customer.slug},2026-11-02,10,1,1,10`,
    ].join('\n');
    const html = await (await upload('em', 'snapshots', csv)).text();
    expect(html).toContain('Nothing can be imported yet: 4 problems');
    expect(html).toContain('<td class="number">2</td><td>completionsShown: Give completions shown as a whole number.');
    expect(html).toContain('<td class="number">3</td><td>customer: No customer has the slug &quot;nobody&quot;.');
    expect(html).toContain('<td class="number">4</td><td>weekStart: The week of 2026-11-30 has not started yet.');
    expect(html).toContain(`<td class="number">6</td><td>weekStart: The week of 2026-11-02 of ${customer.slug} appears twice.`);
  });

  it('refuses an empty file and wrong columns on line 1', async () => {
    expect(await (await upload('em', 'snapshots', '')).text()).toContain('The file has no rows: fill in the template.');
    const wrong = await (await upload('em', 'snapshots', 'customer,week,dau\nx,2026-11-09,1')).text();
    expect(wrong).toContain('The columns must be customer, weekStart, completionsShown, completionsAccepted, dau, availableDevelopers; this file has customer, week, dau.');
  });

  it('lets a lead engineer import only their own customers, and refuses viewers', async () => {
    const own = await createTestCustomer(app.database.db, { stage: 'active', leadEngineerId: users.engineer.id });
    const other = await createTestCustomer(app.database.db, { stage: 'active' });
    const csv = [SNAPSHOT_HEADER, `${own.slug},2026-11-09,10,1,1,10`, `${other.slug},2026-11-09,10,1,1,10`].join('\n');
    expect(await (await upload('engineer', 'snapshots', csv)).text()).toContain(`<td class="number">3</td><td>customer: you may log only for the customers you lead, not ${other.slug}.`);
    expect((await upload('viewer', 'snapshots', csv)).status).toBe(403);
  });
});

describe('iARR import, templates and exports', () => {
  it('imports iARR entries, skipping an external id already booked the same way', async () => {
    const customer = await createTestCustomer(app.database.db, { stage: 'active' });
    const csv = ['customer,bookedOn,amountUsd,kind,note,externalId', `${customer.slug},2026-10-01,50000,expansion,Q4,crm-9`, `${customer.slug},2026-10-02,7000,net_new,,`].join('\n');
    expect((await commit('em', 'iarr', csv)).status).toBe(302);
    const again = await commit('em', 'iarr', csv.split('\n').slice(0, 2).join('\n'));
    expect(again.headers.get('Location')).toBe('/import?kind=iarr&added=0&kept=1');
    const page = await app.server.request(again.headers.get('Location')!, { cookie: cookies.em });
    expect(await page.text()).toContain('Imported 1 row of iarr entries: 0 added, 1 already there.');
    const stored = await app.database.db.selectFrom('iarr_entries').select(['amount_usd', 'note', 'external_id']).where('customer_id', '=', customer.id).orderBy('id').execute();
    expect(stored).toEqual([{ amount_usd: 50000, note: 'Q4', external_id: 'crm-9' }, { amount_usd: 7000, note: '', external_id: null }]);
  });

  it('gives templates and exports the import takes back', async () => {
    const template = await app.server.request('/import/template/snapshots.csv', { cookie: cookies.viewer });
    expect(template.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect((await template.text()).split('\n')[0]).toBe(SNAPSHOT_HEADER);
    const exported = await (await app.server.request('/export/snapshots.csv', { cookie: cookies.viewer })).text();
    const lines = exported.trim().split('\n');
    expect(lines[0]).toBe(SNAPSHOT_HEADER);
    expect(lines.length - 1).toBe((await app.database.db.selectFrom('metric_snapshots').select('week_start').execute()).length);
    expect((await app.server.request('/export/other.csv', { cookie: cookies.viewer })).status).toBe(404);
  });
});
