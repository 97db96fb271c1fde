import { sql, type Kysely } from 'kysely';
import { assertNoFieldErrors } from '~/domain/app-error';
import { weekStartOf } from '~/domain/dates';
import type { SnapshotInput } from '~/schemas/metrics';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import { findCustomersBySlugs, unknownCustomer, withCustomerIds } from './customer-access.server';
import type { Executor } from './db.server';

/**
 * Checks snapshots against the database: unknown customers, the same customer-week twice, weeks after the
 * current one. Returns the rows with their customer ids, or throws a 422 naming every bad row and field.
 */
export async function prepareSnapshots(db: Executor, snapshots: SnapshotInput[], today: string) {
  const fields: Record<string, string> = {};
  const thisWeek = weekStartOf(today);
  const seen = new Set<string>();
  const customers = await findCustomersBySlugs(db, snapshots.map((row) => row.customer));
  snapshots.forEach((row, index) => {
    const key = `${row.customer} ${row.weekStart}`;
    if (!customers.has(row.customer)) fields[`snapshots[${index}].customer`] = unknownCustomer(row.customer);
    else if (seen.has(key)) fields[`snapshots[${index}].weekStart`] = `The week of ${row.weekStart} of ${row.customer} appears twice.`;
    else if (row.weekStart > thisWeek) fields[`snapshots[${index}].weekStart`] = `The week of ${row.weekStart} has not started yet.`;
    seen.add(key);
  });
  assertNoFieldErrors(fields, 'Some snapshots are invalid: see error.fields.');
  return withCustomerIds(snapshots, customers);
}

/**
 * Writes weekly snapshots, all or nothing, after prepareSnapshots' checks: a week already recorded for a
 * customer is replaced (its old values go to the audit log).
 */
export async function recordSnapshots(
  db: Kysely<DB>,
  input: { snapshots: SnapshotInput[]; today: string } & Audited,
): Promise<{ inserted: number; updated: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await prepareSnapshots(trx, input.snapshots, input.today);
    const columns = {
      customers: rows.map((row) => row.customerId),
      weeks: rows.map((row) => row.weekStart),
      shown: rows.map((row) => row.completionsShown),
      accepted: rows.map((row) => row.completionsAccepted),
      dau: rows.map((row) => row.dau),
      developers: rows.map((row) => row.availableDevelopers),
    };
    const replaced = await trx
      .selectFrom('metric_snapshots')
      .innerJoin(
        sql<{ customer_id: number; week_start: string }>`(select * from unnest(${columns.customers}::bigint[], ${columns.weeks}::date[]) as t(customer_id, week_start))`.as('incoming'),
        (join) => join.onRef('incoming.customer_id', '=', 'metric_snapshots.customer_id').onRef('incoming.week_start', '=', 'metric_snapshots.week_start'),
      )
      .select([
        'metric_snapshots.customer_id', 'metric_snapshots.week_start', 'metric_snapshots.completions_shown',
        'metric_snapshots.completions_accepted', 'metric_snapshots.dau', 'metric_snapshots.available_developers',
      ])
      .execute();
    // One statement for any number of rows: the columns travel as arrays.
    await sql`
      insert into metric_snapshots
        (customer_id, week_start, completions_shown, completions_accepted, dau, available_developers, recorded_by, recorded_at)
      select t.*, ${input.actor.id}::bigint, ${input.now}::timestamptz
      from unnest(${columns.customers}::bigint[], ${columns.weeks}::date[], ${columns.shown}::int[], ${columns.accepted}::int[],
                  ${columns.dau}::int[], ${columns.developers}::int[]) as t
      on conflict (customer_id, week_start) do update set
        completions_shown = excluded.completions_shown, completions_accepted = excluded.completions_accepted,
        dau = excluded.dau, available_developers = excluded.available_developers,
        recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`.execute(trx);
    const result = { inserted: rows.length - replaced.length, updated: replaced.length };
    const slugOf = new Map(rows.map((row) => [row.customerId, row.customer]));
    await recordAudit(trx, {
      actor: input.actor,
      action: 'metrics.recorded',
      entityType: 'metric_snapshots',
      before: replaced.map((row) => ({ ...row, customer: slugOf.get(row.customer_id) })),
      after: { ...result, snapshots: input.snapshots },
      ip: input.ip,
    });
    return result;
  });
}

/** A customer's snapshots in week order. */
export async function listSnapshots(db: Executor, customerId: number) {
  return db
    .selectFrom('metric_snapshots')
    .select(['week_start', 'completions_shown', 'completions_accepted', 'dau', 'available_developers'])
    .where('customer_id', '=', customerId)
    .orderBy('week_start')
    .execute();
}

/** The snapshot of one customer-week, or null. */
export async function findSnapshot(db: Executor, customerId: number, weekStart: string) {
  return (
    (await db
      .selectFrom('metric_snapshots')
      .select(['completions_shown', 'completions_accepted', 'dau', 'available_developers'])
      .where('customer_id', '=', customerId)
      .where('week_start', '=', weekStart)
      .executeTakeFirst()) ?? null
  );
}
