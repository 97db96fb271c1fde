import type { Executor } from './db.server';

/** Each lead engineer's load: active partners led and their open blockers, in one query. */
export async function listLeadLoads(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('customers', 'customers.lead_engineer_id', 'users.id')
    .leftJoin('progress_entries', (join) =>
      join
        .onRef('progress_entries.customer_id', '=', 'customers.id')
        .on('progress_entries.kind', '=', 'blocker')
        .on('progress_entries.resolved_at', 'is', null),
    )
    .select((eb) => [
      'users.name',
      eb.fn.count<number>('customers.id').distinct().as('partners'),
      eb.fn.count<number>('progress_entries.id').as('open_blockers'),
    ])
    .where('customers.stage', '=', 'active')
    .groupBy(['users.id', 'users.name'])
    .orderBy('users.name')
    .execute();
}

/** The state of one week's update: draft, submitted, amended, or missing. */
export async function weeklyUpdateState(db: Executor, weekStart: string) {
  const row = await db.selectFrom('weekly_updates').select('status').where('week_start', '=', weekStart).executeTakeFirst();
  return row?.status ?? 'missing';
}

/** Partners present or graduated (active or handed off), whose DAU the north star counts. */
export async function listNorthStarPartners(db: Executor) {
  return db.selectFrom('customers').select(['slug', 'name']).where('stage', 'in', ['active', 'handed_off']).orderBy('name').execute();
}
