import { addDays } from '~/domain/dates';
import { loadCustomerPage } from './customer-page.server';
import type { Executor } from './db.server';

/** The weeks of wins and risks a summary shows. */
const RECENT_DAYS = 28;

/** A partner's open blockers, and its wins and risks of the last four weeks up to `today`, newest first. */
async function listSummaryNotes(db: Executor, customerId: number, today: string) {
  return db
    .selectFrom('progress_entries')
    .select(['id', 'kind', 'occurred_on', 'body'])
    .where('customer_id', '=', customerId)
    .where((eb) => eb.or([
      eb.and([eb('kind', '=', 'blocker'), eb('resolved_at', 'is', null)]),
      eb.and([eb('kind', 'in', ['win', 'risk']), eb('occurred_on', '>', addDays(today, -RECENT_DAYS)), eb('occurred_on', '<=', today)]),
    ]))
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * What the partner summary (DOMAIN.md "Partner summary") shows at `today`, or null for an unknown slug: the customer
 * page's status, trends, iARR, decisions and plan, with the open blockers and the last four weeks' wins and risks.
 */
export async function loadPartnerSummary(db: Executor, options: { slug: string; today: string; timeZone: string }) {
  // The page's own log is not shown: one entry keeps its query cheap.
  const page = await loadCustomerPage(db, { ...options, progressFilter: { shown: 1 } });
  if (!page) return null;
  const notes = await listSummaryNotes(db, page.customer.id, options.today);
  return {
    customer: page.customer,
    exit: page.exit,
    health: page.health,
    trends: page.trends,
    ledger: page.ledger,
    decision: page.decisions.at(-1) ?? null,
    evaluation: page.evaluation,
    objectives: page.objectives,
    blockers: notes.filter((note) => note.kind === 'blocker'),
    wins: notes.filter((note) => note.kind === 'win'),
    risks: notes.filter((note) => note.kind === 'risk'),
    since: addDays(options.today, 1 - RECENT_DAYS),
  };
}
