import { sql, type Kysely } from 'kysely';
import { AppError, assertNoFieldErrors } from '~/domain/app-error';
import { weekStartOf } from '~/domain/dates';
import { validField } from '~/schemas/bulk-rows';
import { SnapshotSchema, type SnapshotInput } from '~/schemas/metrics';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import { findCustomersBySlugs, unknownCustomer, withCustomerIds } from './customer-access.server';
import type { Executor } from './db.server';
import { watchingPortfolio } from './events.server';

/**
 * What the database and the date say of snapshots, by field path: unknown customers, the same customer-week twice,
 * weeks after the current one. Rows are read loosely (a field is checked when it is valid alone), so that these
 * problems come in one pass with the schema's own.
 */
export async function snapshotProblems(db: Executor, rows: Record<string, unknown>[], today: string) {
  const fields: Record<string, string> = {};
  const thisWeek = weekStartOf(today);
  const keys = rows.map((row) => ({
    customer: validField(row, 'customer', SnapshotSchema.shape.customer),
    weekStart: validField(row, 'weekStart', SnapshotSchema.shape.weekStart),
  }));
  const customers = await findCustomersBySlugs(db, keys.flatMap((key) => (key.customer === undefined ? [] : [key.customer])));
  const seen = new Set<string>();
  keys.forEach(({ customer, weekStart }, index) => {
    if (customer !== undefined && !customers.has(customer)) fields[`snapshots[${index}].customer`] = unknownCustomer(customer);
    if (weekStart === undefined) return;
    const key = `${customer} ${weekStart}`;
    if (weekStart > thisWeek) fields[`snapshots[${index}].weekStart`] = `The week of ${weekStart} has not started yet.`;
    else if (customer !== undefined && seen.has(key)) fields[`snapshots[${index}].weekStart`] = `The week of ${weekStart} of ${customer} appears twice.`;
    seen.add(key);
  });
  return { fields, customers };
}

/** Snapshots with their customer ids, or a 422 naming every bad row and field (see snapshotProblems). */
export async function prepareSnapshots(db: Executor, snapshots: SnapshotInput[], today: string) {
  const { fields, customers } = await snapshotProblems(db, snapshots, today);
  assertNoFieldErrors(fields, 'Some snapshots are invalid: see error.fields.');
  return withCustomerIds(snapshots, customers);
}

/**
 * Writes weekly snapshots, all or nothing, after prepareSnapshots' checks. A week already recorded for a customer
 * is replaced (its old values go to the audit log), unless `keepRecorded`: then it is a 409 `week_recorded`,
 * decided by the insert itself, so of two first recordings of one week at once exactly one lands.
 */
export async function recordSnapshots(
  db: Kysely<DB>,
  input: { snapshots: SnapshotInput[]; today: string; keepRecorded?: boolean } & Audited,
): Promise<{ inserted: number; updated: number }> {
  return db.transaction().execute((trx) => watchingPortfolio(trx, input, async () => {
    const rows = await prepareSnapshots(trx, input.snapshots, input.today);
    const columns = {
      customers: rows.map((row) => row.customerId),
      weeks: rows.map((row) => row.weekStart),
      shown: rows.map((row) => row.completionsShown),
      accepted: rows.map((row) => row.completionsAccepted),
      dau: rows.map((row) => row.dau),
      developers: rows.map((row) => row.availableDevelopers),
    };
    const replaced = input.keepRecorded ? [] : await recordedWeeks(trx, columns.customers, columns.weeks);
    // One statement for any number of rows: the columns travel as arrays.
    const written = await sql<{ customer_id: number; week_start: string }>`
      insert into metric_snapshots
        (customer_id, week_start, completions_shown, completions_accepted, dau, available_developers, recorded_by, recorded_at)
      select t.*, ${input.actor.id}::bigint, ${input.now}::timestamptz
      from unnest(${columns.customers}::bigint[], ${columns.weeks}::date[], ${columns.shown}::int[], ${columns.accepted}::int[],
                  ${columns.dau}::int[], ${columns.developers}::int[]) as t
      on conflict (customer_id, week_start) ${input.keepRecorded ? sql`do nothing` : sql`do update set
        completions_shown = excluded.completions_shown, completions_accepted = excluded.completions_accepted,
        dau = excluded.dau, available_developers = excluded.available_developers,
        recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`}
      returning customer_id, week_start`.execute(trx);
    if (written.rows.length < rows.length) {
      const kept = new Set(written.rows.map((row) => `${row.customer_id} ${row.week_start}`));
      const refused = rows.flatMap((row, index) => (kept.has(`${row.customerId} ${row.weekStart}`) ? [] : [index]));
      throw weekAlreadyRecorded(await recordedWeeks(trx, columns.customers, columns.weeks), rows, refused);
    }
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
  }));
}

/** The stored snapshots of the given customer-weeks (the two lists pair up). */
function recordedWeeks(db: Executor, customerIds: number[], weeks: string[]) {
  return db
    .selectFrom('metric_snapshots')
    .innerJoin(
      sql<{ customer_id: number; week_start: string }>`(select * from unnest(${customerIds}::bigint[], ${weeks}::date[]) as t(customer_id, week_start))`.as('incoming'),
      (join) => join.onRef('incoming.customer_id', '=', 'metric_snapshots.customer_id').onRef('incoming.week_start', '=', 'metric_snapshots.week_start'),
    )
    .select([
      'metric_snapshots.customer_id', 'metric_snapshots.week_start', 'metric_snapshots.completions_shown',
      'metric_snapshots.completions_accepted', 'metric_snapshots.dau', 'metric_snapshots.available_developers',
    ])
    .execute();
}

/** The 409 for weeks recorded already (by someone else meanwhile, perhaps), each row named with what it holds. */
function weekAlreadyRecorded(
  stored: Awaited<ReturnType<typeof recordedWeeks>>,
  rows: { customerId: number; weekStart: string }[],
  refused: number[],
): AppError {
  const fields: Record<string, string> = {};
  for (const index of refused) {
    const row = rows[index]!;
    const recorded = stored.find((week) => week.customer_id === row.customerId && week.week_start === row.weekStart);
    const values = recorded
      ? ` (shown ${recorded.completions_shown}, accepted ${recorded.completions_accepted}, DAU ${recorded.dau} of ${recorded.available_developers})`
      : '';
    fields[`snapshots[${index}].weekStart`] = `The week of ${row.weekStart} is already recorded${values}. Tick “Replace the recorded week” to overwrite it.`;
  }
  const first = Object.values(fields)[0]!;
  return new AppError({ status: 409, code: 'week_recorded', message: first, fields });
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
