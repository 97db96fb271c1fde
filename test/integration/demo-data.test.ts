import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '~/auth/password.server';
import { listCustomerOverviews } from '~/models/customers.server';
import { getSettings } from '~/models/settings.server';
import { DEMO_PASSWORD, seedDemoData } from '../../scripts/demo-data';
import { createTestDatabase, type TestDatabase } from '../support/database';

const TODAY = '2026-11-18';
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, TODAY);
});
afterAll(() => database?.close());

describe('demo data', () => {
  it('has three active partners: one succeeding, one at risk, one gone stale', async () => {
    const partners = await listCustomerOverviews(database.db, { today: TODAY, settings: await getSettings(database.db), stages: ['active'] });
    const statuses = Object.fromEntries(partners.map((partner) => [partner.slug, [partner.health.status, partner.health.fresh]]));
    expect(statuses).toEqual({
      'northwind-logistics': ['succeeding', true],
      'halcyon-bank': ['at_risk', true],
      'meridian-health': ['no_data', false],
    });
    expect(partners.every((partner) => partner.leadEngineer !== null)).toBe(true);
  });

  it('gives each active partner 26 weeks of snapshots, and iARR of both kinds, one booked in the future', async () => {
    const weeks = await database.db.selectFrom('metric_snapshots').innerJoin('customers', 'customers.id', 'customer_id')
      .select((eb) => ['customers.slug', eb.fn.countAll<number>().as('weeks')])
      .where('customers.stage', '=', 'active').groupBy('customers.slug').execute();
    expect(weeks.map((row) => row.weeks)).toEqual([26, 26, 26]);
    const kinds = await database.db.selectFrom('iarr_entries').select('kind').distinct().orderBy('kind').execute();
    expect(kinds.map((row) => row.kind)).toEqual(['expansion', 'net_new']);
    const future = await database.db.selectFrom('iarr_entries').select('id').where('booked_on', '>', TODAY).execute();
    expect(future).toHaveLength(1);
  });

  it('has four candidates, a rejection, a hand-off, an ending, every kind of progress, two themes and updates in every state', async () => {
    const stages = await database.db.selectFrom('customers').select((eb) => ['stage', eb.fn.countAll<number>().as('customers')])
      .groupBy('stage').orderBy('stage').execute();
    expect(Object.fromEntries(stages.map((row) => [row.stage, row.customers]))).toEqual({
      active: 3, candidate: 4, handed_off: 1, rejected: 1, ended: 1,
    });
    const kinds = await database.db.selectFrom('progress_entries').select('kind').distinct().orderBy('kind').execute();
    expect(kinds.map((row) => row.kind)).toEqual(['blocker', 'feedback', 'progress', 'request', 'risk', 'win']);
    expect(await database.db.selectFrom('feedback_themes').select('id').execute()).toHaveLength(2);
    const updates = await database.db.selectFrom('weekly_updates').select(['week_start', 'status', 'submitted_at']).orderBy('week_start').execute();
    // A draft never submitted, then submitted late (a Saturday), amended, on time; the week before them is missing.
    expect(updates.map((update) => [update.week_start, update.status]).slice(-4)).toEqual([
      ['2026-10-19', 'draft'], ['2026-10-26', 'submitted'], ['2026-11-02', 'amended'], ['2026-11-09', 'submitted'],
    ]);
    expect(new Date(updates.at(-3)!.submitted_at!).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(updates.map((update) => update.week_start)).not.toContain('2026-10-12');
    expect(await database.db.selectFrom('handoffs').select(['outcome', 'receiving_team']).orderBy('outcome').execute()).toEqual([
      { outcome: 'ended', receiving_team: null }, { outcome: 'handed_off', receiving_team: 'Enterprise Success' },
    ]);
  });

  it('has the four demo users, who sign in with the demo password', async () => {
    const users = await database.db.selectFrom('users').select(['email', 'role', 'password_hash']).where('email', 'in', [
      'exec@demo.test', 'em@demo.test', 'lead@demo.test', 'viewer@demo.test',
    ]).orderBy('email').execute();
    expect(users.map((user) => [user.email, user.role])).toEqual([
      ['em@demo.test', 'em'], ['exec@demo.test', 'exec'], ['lead@demo.test', 'engineer'], ['viewer@demo.test', 'viewer'],
    ]);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.password_hash!)).toBe(true);
  });

  it('uses fictional names only', async () => {
    const names = await database.db.selectFrom('customers').select('name').execute();
    expect(names.map((row) => row.name)).not.toContain('Sourcegraph');
    expect(names.every((row) => !/google|microsoft|amazon|netflix|apple|meta/i.test(row.name))).toBe(true);
  });
});
