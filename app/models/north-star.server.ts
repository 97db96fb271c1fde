import { sql } from 'kysely';
import { addDays, weekStartOf } from '~/domain/dates';
import type { Executor } from './db.server';

export type NorthStarWeek = { weekStart: string; totalDau: number; byCustomer: Record<string, number> };

/**
 * A north-star week with who was due to report in it: the partners that were partners that week (approved by its
 * end, not yet exited at its start), and how many of those have.
 */
export type NorthStarReportingWeek = NorthStarWeek & { expected: number; reported: number };

/**
 * Total DAU by week over the partners present or graduated (stage active or handed off), for the `weeks`
 * weeks up to and including the current one, oldest first, every week present (0 when none).
 */
export async function northStarSeries(db: Executor, options: { today: string; weeks: number }): Promise<NorthStarWeek[]> {
  const weeks = await northStarReporting(db, options);
  return weeks.map(({ weekStart, totalDau, byCustomer }) => ({ weekStart, totalDau, byCustomer }));
}

/** northStarSeries with, for each week, how many partners were due to report and how many of them have. */
export async function northStarReporting(db: Executor, options: { today: string; weeks: number }): Promise<NorthStarReportingWeek[]> {
  const last = weekStartOf(options.today);
  const first = addDays(last, -7 * (options.weeks - 1));
  const { rows } = await sql<{ week_start: string; total_dau: number; by_customer: Record<string, number>; expected: number; reported: number }>`
    with partner_weeks as (
      select s.week_start, c.id as customer_id, c.slug, s.dau
      from customers c
      cross join lateral (
        select week_start, dau from metric_snapshots
        where customer_id = c.id and week_start between ${first}::date and ${last}::date
        -- offset 0 keeps this a per-partner primary-key lookup: flattened, the planner scans every customer's weeks.
        offset 0
      ) s
      where c.stage in ('active', 'handed_off')
    ),
    -- Who was due to report each week (a partner by the week's end, not exited before it began), and who of them did.
    due as (
      select weeks.week_start::date as week_start, count(*)::int as expected, count(reported.customer_id)::int as reported
      from generate_series(${first}::date, ${last}::date, interval '7 days') as weeks(week_start)
      join customers c on c.stage in ('active', 'handed_off') and c.approved_at::date <= weeks.week_start::date + 6
      left join handoffs h on h.customer_id = c.id
      left join partner_weeks reported on reported.customer_id = c.id and reported.week_start = weeks.week_start::date
      where h.exited_on is null or h.exited_on >= weeks.week_start::date
      group by weeks.week_start
    )
    select weeks.week_start::date as week_start,
           coalesce(sum(pw.dau), 0)::int as total_dau,
           coalesce(jsonb_object_agg(pw.slug, pw.dau) filter (where pw.slug is not null), '{}'::jsonb) as by_customer,
           coalesce(due.expected, 0) as expected, coalesce(due.reported, 0) as reported
    from generate_series(${first}::date, ${last}::date, interval '7 days') as weeks(week_start)
    left join partner_weeks pw on pw.week_start = weeks.week_start::date
    left join due on due.week_start = weeks.week_start::date
    group by weeks.week_start, due.expected, due.reported
    order by weeks.week_start`.execute(db);
  return rows.map((row) => ({
    weekStart: row.week_start, totalDau: row.total_dau, byCustomer: row.by_customer, expected: row.expected, reported: row.reported,
  }));
}
