import { describe, expect, it } from 'vitest';
import { recordAudit } from '~/models/audit.server';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);

async function auditPage(search = '') {
  const response = await app.server.request(`/audit${search}`, { cookie: cookies.em });
  expect(response.status).toBe(200);
  const html = await response.text();
  const rows = [...html.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td><code>([^<]*)<\/code><\/td><td><code>([^<]*)<\/code><\/td><\/tr>/g)];
  return { html, rows: rows.map((row) => ({ at: row[1]!, actor: row[2]!, action: row[3]!, subject: row[4]!, before: row[5]!, after: row[6]! })) };
}

describe('the audit log page', () => {
  it('shows each change with actor, time, entity, before and after, and filters by entity, actor and dates', async () => {
    const { db } = app.database;
    await recordAudit(db, { actor: users.exec, action: 'customers.changed', entityType: 'customers', entityId: 'acme', before: { stage: 'candidate' }, after: { stage: 'active' } });
    await recordAudit(db, { actor: users.em, action: 'weekly_updates.changed', entityType: 'weekly_updates', entityId: '2026-11-09', after: { status: 'submitted' } });
    await recordAudit(db, { actor: users.exec, action: 'settings.changed', entityType: 'settings', entityId: 'capacity', before: { capacity: 3 }, after: { capacity: 4 } });

    const all = await auditPage();
    expect(all.rows.slice(0, 3).map((row) => [row.actor, row.action, row.subject, row.before, row.after])).toEqual([
      [users.exec.email, 'settings.changed', 'settings capacity', '{&quot;capacity&quot;:3}', '{&quot;capacity&quot;:4}'],
      [users.em.email, 'weekly_updates.changed', 'weekly_updates 2026-11-09', '', '{&quot;status&quot;:&quot;submitted&quot;}'],
      [users.exec.email, 'customers.changed', 'customers acme', '{&quot;stage&quot;:&quot;candidate&quot;}', '{&quot;stage&quot;:&quot;active&quot;}'],
    ]);

    expect((await auditPage('?entity=customers')).rows.map((row) => row.action)).toEqual(['customers.changed']);
    // The exec's sign-in (by the test set-up) is theirs too.
    expect((await auditPage(`?actor=${users.exec.id}`)).rows.map((row) => row.action)).toEqual(['settings.changed', 'customers.changed', 'auth.signed_in']);
    expect((await auditPage(`?actor=${users.exec.id}&entity=settings`)).rows.map((row) => row.action)).toEqual(['settings.changed']);
    const today = all.rows[0]!.at.slice(0, 10);
    expect((await auditPage(`?from=${today}&to=${today}&entity=customers`)).rows).toHaveLength(1);
    expect((await auditPage(`?to=2000-01-01`)).rows).toEqual([]);
    expect((await auditPage(`?from=2100-01-01`)).html).toContain('No changes match these filters.');
    // Nonsense in the address is dropped, not a failure.
    expect((await auditPage('?actor=abc&from=yesterday&before=-3')).rows.length).toBeGreaterThanOrEqual(3);
    expect(all.html).toContain('<option value="weekly_updates">weekly_updates</option>');
  });

  it('pages through older entries 100 at a time, keeping the filters', async () => {
    const { db } = app.database;
    for (let index = 0; index < 120; index += 1) {
      await recordAudit(db, { actor: users.engineer, action: 'progress.logged', entityType: 'progress_entries', entityId: String(index), after: { index } });
    }
    const first = await auditPage(`?entity=progress_entries&actor=${users.engineer.id}`);
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]!.subject).toBe('progress_entries 119');
    const older = /href="\/audit(\?[^"]*)">Older entries/.exec(first.html)![1]!.replaceAll('&amp;', '&');
    expect(older).toContain('entity=progress_entries');
    const second = await auditPage(older);
    expect(second.rows.map((row) => row.subject)).toEqual(Array.from({ length: 20 }, (_, index) => `progress_entries ${19 - index}`));
    expect(second.html).not.toContain('Older entries');
    expect(second.html).toContain('Newest entries');
  });
});
