import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from './db.server';

const ENTRIES_PER_THEME = 20;

/**
 * Every feedback theme with its owning team, how many customers raised it, how often and when last, and its
 * latest entries: most widely raised first (by customers, then entries, then the latest). One query, whatever the number of themes.
 */
export async function listFeedbackThemes(db: Executor) {
  return db
    .selectFrom('feedback_themes as theme')
    .leftJoin('progress_entries as entry', 'entry.theme_id', 'theme.id')
    .select((eb) => [
      'theme.id', 'theme.name', 'theme.owning_team',
      eb.fn.count<number>('entry.customer_id').distinct().as('customers'),
      eb.fn.count<number>('entry.id').as('entries'),
      eb.fn.max('entry.occurred_on').as('latest'),
      jsonArrayFrom(
        eb
          .selectFrom('progress_entries as recent')
          .innerJoin('customers', 'customers.id', 'recent.customer_id')
          .select(['recent.id', 'recent.occurred_on', 'recent.body', 'customers.slug', 'customers.name as customer'])
          .whereRef('recent.theme_id', '=', 'theme.id')
          .orderBy('recent.occurred_on', 'desc')
          .orderBy('recent.id', 'desc')
          .limit(ENTRIES_PER_THEME),
      ).as('recent'),
    ])
    .groupBy('theme.id')
    .orderBy(sql`count(distinct entry.customer_id)`, 'desc')
    .orderBy(sql`count(entry.id)`, 'desc')
    .orderBy(sql`max(entry.occurred_on)`, (order) => order.desc().nullsLast())
    .orderBy('theme.name')
    .execute();
}
