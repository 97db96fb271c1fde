import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import type { DB } from '../../db/schema';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/database';
import { createTestUser } from '../factories/users';

describe('migrations', () => {
  it('build the whole schema from an empty database, and running them again changes nothing', async () => {
    const database = await createEmptyDatabase();
    try {
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(database.db)).toEqual([]);
      // Every migration after the first can be undone and redone.
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
      for (let step = 1; step < Object.keys(migrations).length; step += 1) expect((await migrator.migrateDown()).error).toBeUndefined();
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations).slice(1));
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%'
        order by table_name`.execute(database.db);
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'api_tokens', 'audit_log', 'customers', 'decisions', 'events', 'feedback_themes', 'framework_evaluations', 'handoffs',
        'iarr_entries', 'login_attempts', 'metric_snapshots', 'notification_mutes', 'notifications', 'objectives', 'progress_entries',
        'sessions', 'setting_changes', 'sso_flows', 'users', 'webhook_deliveries', 'webhooks', 'weekly_updates',
      ]);
    } finally {
      await database.close();
    }
  });
});

describe('constraints', () => {
  let database: TestDatabase;
  let db: Kysely<DB>;
  let userId: number;
  let customerId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    userId = (await createTestUser(db, 'em')).id;
    customerId = (
      await db.insertInto('customers').values({ slug: 'acme', name: 'Acme', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => database?.close());

  const snapshot = (values: Record<string, unknown>) => () =>
    db.insertInto('metric_snapshots').values({
      customer_id: customerId, week_start: '2026-11-09', completions_shown: 100, completions_accepted: 30,
      dau: 10, available_developers: 20, ...values,
    }).execute();

  const refused: [string, () => Promise<unknown>][] = [
    ['a snapshot with accepted > shown', snapshot({ completions_accepted: 101 })],
    ['a snapshot with DAU > available developers', snapshot({ dau: 21 })],
    ['a snapshot with no available developers', snapshot({ available_developers: 0, dau: 0 })],
    ['a snapshot with a negative count', snapshot({ completions_shown: -1, completions_accepted: 0 })],
    ['a snapshot whose week does not start on a Monday', snapshot({ week_start: '2026-11-10' })],
    ['an iARR entry of 0 USD', () => db.insertInto('iarr_entries').values({ customer_id: customerId, booked_on: '2026-11-01', amount_usd: 0, kind: 'expansion' }).execute()],
    ['an iARR entry of an unknown kind', () => db.insertInto('iarr_entries').values({ customer_id: customerId, booked_on: '2026-11-01', amount_usd: 5, kind: 'gift' as 'expansion' }).execute()],
    ['a customer slug with capitals', () => db.insertInto('customers').values({ slug: 'Bad Slug', name: 'Bad', updated_at: new Date() }).execute()],
    ['a customer in an unknown stage', () => db.insertInto('customers').values({ slug: 'odd', name: 'Odd', stage: 'paused' as 'active', updated_at: new Date() }).execute()],
    ['an active customer never approved', () => db.insertInto('customers').values({ slug: 'rushed', name: 'Rushed', stage: 'active', updated_at: new Date() }).execute()],
    ['a customer name taken in another case', () => db.insertInto('customers').values({ slug: 'acme-2', name: 'ACME', updated_at: new Date() }).execute()],
    ['a new industry without its related market', () => db.insertInto('framework_evaluations').values({ customer_id: customerId, strategic_segment: true, co_market: 'low', new_industry: true, related_market: ' ', vision_alignment: 'low' }).execute()],
    ['a decision with a short override justification', () => db.insertInto('decisions').values({ customer_id: customerId, decided_by: userId, decision: 'approve', rationale: 'Fits', stage_before: 'candidate', stage_after: 'active', framework: '{}', score: 3, gate_open: false, override_justification: 'too short' }).execute()],
    ['a decision without a rationale', () => db.insertInto('decisions').values({ customer_id: customerId, decided_by: userId, decision: 'reject', rationale: '  ', stage_before: 'candidate', stage_after: 'rejected', framework: '{}', score: 3, gate_open: true }).execute()],
    ['a feedback entry without a theme', () => db.insertInto('progress_entries').values({ customer_id: customerId, kind: 'feedback', occurred_on: '2026-11-10', body: 'Slow', author_id: userId }).execute()],
    ['a routed entry that is not a request', () => db.insertInto('progress_entries').values({ customer_id: customerId, kind: 'win', occurred_on: '2026-11-10', body: 'Yay', routed_to: 'support', author_id: userId }).execute()],
    ['a capacity of 0', () => db.insertInto('setting_changes').values({ key: 'capacity', value: 0 }).execute()],
    ['an acceptance threshold over 100 %', () => db.insertInto('setting_changes').values({ key: 'acceptance_pct', value: '100.5' }).execute()],
    ['a stale window of 91 days', () => db.insertInto('setting_changes').values({ key: 'stale_window_days', value: 91 }).execute()],
    ['a time zone given as a number', () => db.insertInto('setting_changes').values({ key: 'team_time_zone', value: 2 }).execute()],
    ['a threshold given as text', () => db.insertInto('setting_changes').values({ key: 'capacity', value: 3, text_value: 'UTC' }).execute()],
    ['a weekly update submitted without a time', () => db.insertInto('weekly_updates').values({ week_start: '2026-11-09', status: 'submitted', created_by: userId, updated_by: userId, created_at: new Date(), updated_at: new Date() }).execute()],
    ['a hand-off without a receiving team', () => db.insertInto('handoffs').values({ customer_id: customerId, outcome: 'handed_off', exited_on: '2026-11-10', recorded_by: userId }).execute()],
    ['a user email in capitals', () => db.insertInto('users').values({ email: 'Big@Example.test', name: 'Big', role: 'viewer', password_hash: 'x' }).execute()],
    ['a user of an unknown role', () => db.insertInto('users').values({ email: 'odd@example.test', name: 'Odd', role: 'admin' as 'exec', password_hash: 'x' }).execute()],
    ['a snapshot of an unknown customer', snapshot({ customer_id: 999_999 })],
  ];

  it.each(refused)('refuse %s', async (_name, insert) => {
    await expect(insert()).rejects.toMatchObject({ code: expect.stringMatching(/^23/) });
  });

  it('keep one snapshot per customer-week and one iARR entry per external id', async () => {
    await snapshot({ week_start: '2026-11-02' })();
    await expect(snapshot({ week_start: '2026-11-02' })()).rejects.toMatchObject({ code: '23505' });
    const entry = { customer_id: customerId, booked_on: '2026-11-01', amount_usd: 10, kind: 'expansion' as const, external_id: 'crm-1' };
    await db.insertInto('iarr_entries').values(entry).execute();
    await expect(db.insertInto('iarr_entries').values(entry).execute()).rejects.toMatchObject({ code: '23505' });
  });

  it('keep the audit log, decisions and settings history append-only', async () => {
    await db.insertInto('audit_log').values({ actor_label: 'test', action: 'test.done' }).execute();
    await expect(db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await db.insertInto('decisions').values({
      customer_id: customerId, decided_by: userId, decision: 'defer', rationale: 'Next quarter', stage_before: 'candidate',
      stage_after: 'candidate', framework: '{}', score: 2, gate_open: true,
    }).execute();
    await expect(db.updateTable('decisions').set({ rationale: 'changed' }).execute()).rejects.toThrow(/append-only/);
    await db.insertInto('setting_changes').values({ key: 'capacity', value: 4, changed_by: userId }).execute();
    await expect(db.deleteFrom('setting_changes').execute()).rejects.toThrow(/append-only/);
  });
});
