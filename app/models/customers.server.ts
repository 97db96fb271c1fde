import { jsonObjectFrom } from 'kysely/helpers/postgres';
import { assessCustomerHealth, type CustomerHealth, type Snapshot } from '~/domain/customer-health';
import type { Settings } from '~/domain/settings';
import type { Stage } from '../../db/schema';
import type { Executor } from './db.server';

export type CustomerOverview = {
  slug: string;
  name: string;
  stage: Stage;
  approvedAt: Date | null;
  leadEngineer: { email: string; name: string } | null;
  latest: Snapshot | null;
  health: CustomerHealth;
};

/**
 * Customers of the given stages with their lead engineer, their latest snapshot with week_start ≤ today,
 * their iARR realized by today and their health: one query, whatever the number of customers.
 */
export async function listCustomerOverviews(
  db: Executor,
  options: { today: string; settings: Settings; stages?: Stage[] },
): Promise<CustomerOverview[]> {
  let query = db
    .selectFrom('customers')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('metric_snapshots')
          .select(['week_start', 'completions_shown', 'completions_accepted', 'dau', 'available_developers'])
          .whereRef('metric_snapshots.customer_id', '=', 'customers.id')
          .where('metric_snapshots.week_start', '<=', options.today)
          .orderBy('metric_snapshots.week_start', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'customers.slug',
      'customers.name',
      'customers.stage',
      'customers.approved_at',
      'latest.week_start',
      'latest.completions_shown',
      'latest.completions_accepted',
      'latest.dau',
      'latest.available_developers',
      jsonObjectFrom(
        eb.selectFrom('users').select(['users.email', 'users.name']).whereRef('users.id', '=', 'customers.lead_engineer_id'),
      ).as('lead_engineer'),
      eb
        .selectFrom('iarr_entries')
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>('amount_usd'), sub.lit(0)).as('total'))
        .whereRef('iarr_entries.customer_id', '=', 'customers.id')
        .where('iarr_entries.booked_on', '<=', options.today)
        .as('realized_iarr_usd'),
    ])
    .orderBy('customers.name');
  if (options.stages) query = query.where('customers.stage', 'in', options.stages);
  const rows = await query.execute();
  return rows.map((row) => {
    const latest: Snapshot | null =
      row.week_start === null
        ? null
        : {
            weekStart: row.week_start,
            completionsShown: row.completions_shown ?? 0,
            completionsAccepted: row.completions_accepted ?? 0,
            dau: row.dau ?? 0,
            availableDevelopers: row.available_developers ?? 1,
          };
    return {
      slug: row.slug,
      name: row.name,
      stage: row.stage,
      approvedAt: row.approved_at,
      leadEngineer: row.lead_engineer,
      latest,
      health: assessCustomerHealth({
        snapshot: latest,
        realizedIarrUsd: Number(row.realized_iarr_usd ?? 0),
        settings: options.settings,
        today: options.today,
      }),
    };
  });
}
