import type { Executor } from './db.server';

/** Weekly updates, newest week first. */
export async function listWeeklyUpdates(db: Executor, limit = 52) {
  return db
    .selectFrom('weekly_updates')
    .leftJoin('users', 'users.id', 'weekly_updates.submitted_by')
    .select([
      'weekly_updates.week_start',
      'weekly_updates.status',
      'weekly_updates.submitted_at',
      'users.name as submitted_by_name',
    ])
    .orderBy('weekly_updates.week_start', 'desc')
    .limit(limit)
    .execute();
}
