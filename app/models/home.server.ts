import { sql } from 'kysely';
import { addDays, weekStartOf } from '~/domain/dates';
import { isObjectiveOverdue, OPEN_OBJECTIVE_STATUSES, PLAN_STAGES } from '~/domain/success-plan';
import { assessFramework } from '~/domain/framework';
import type { SignedInUser } from '~/domain/roles';
import { updateDueOn, type UpdateStatus } from '~/domain/weekly-update';
import { listCandidates, listCustomerOverviews } from './customers.server';
import type { Executor } from './db.server';
import { countOpenRequestsByDestination, listOpenItems } from './progress.server';
import { getSettings } from './settings.server';

const LATEST_ENTRIES = 3;
/** How far ahead "due soon" looks (DOMAIN.md "Home per role"). */
const DUE_SOON_DAYS = 14;

/** Objectives not done or dropped and due within 14 days (or overdue): of these customers, or owned by this user. */
function objectivesDueSoon(db: Executor, today: string, scope: { customerIds: number[] } | { ownerId: number }) {
  const query = db
    .selectFrom('objectives')
    .innerJoin('customers', 'customers.id', 'objectives.customer_id')
    .select(['objectives.id', 'objectives.customer_id', 'objectives.title', 'objectives.status', 'objectives.due_on', 'customers.slug', 'customers.name as customer_name'])
    .where('objectives.status', 'in', OPEN_OBJECTIVE_STATUSES)
    .where('objectives.due_on', '<=', addDays(today, DUE_SOON_DAYS))
    .where('customers.stage', 'in', PLAN_STAGES)
    .orderBy('objectives.due_on')
    .orderBy('objectives.id');
  return 'ownerId' in scope
    ? query.where('objectives.owner_id', '=', scope.ownerId).execute()
    : scope.customerIds.length === 0 ? Promise.resolve([]) : query.where('objectives.customer_id', 'in', scope.customerIds).execute();
}
// The oldest open blockers on the EM's home; /requests has them all.
const HOME_BLOCKERS = 10;
// The best-fitting candidates on the exec's home; /candidates has them all.
const HOME_CANDIDATES = 10;

/** A lead engineer's partners: status, whether this week is recorded, open blockers and requests, the latest entries. */
async function myPartners(db: Executor, userId: number, today: string) {
  const thisWeek = weekStartOf(today);
  const partners = await listCustomerOverviews(db, { today, settings: await getSettings(db), stages: ['active'], leadEngineerId: userId });
  const ids = partners.map((partner) => partner.id);
  const due = await objectivesDueSoon(db, today, { customerIds: ids });
  const entries = ids.length === 0 ? [] : await sql<{ customer_id: number; kind: string; occurred_on: string; body: string; open: boolean; open_items: number }>`
    select customer_id, kind, occurred_on, body, open, open_items from (
      select customer_id, kind, occurred_on, body,
             kind in ('blocker', 'request') and resolved_at is null as open,
             count(*) filter (where kind in ('blocker', 'request') and resolved_at is null) over (partition by customer_id)::int as open_items,
             row_number() over (partition by customer_id order by occurred_on desc, id desc) as place
      from progress_entries where customer_id = any(${ids}::bigint[])
    ) ranked where place <= ${LATEST_ENTRIES} order by customer_id, place`.execute(db).then((result) => result.rows);
  return partners.map((partner) => {
    const own = entries.filter((entry) => entry.customer_id === partner.id);
    return {
      slug: partner.slug, name: partner.name, status: partner.health.status,
      weekRecorded: partner.latest?.weekStart === thisWeek, openItems: own[0]?.open_items ?? 0,
      latest: own.map(({ kind, occurred_on, body, open }) => ({ kind, occurredOn: occurred_on, body, open })),
      objectivesDue: due.filter((objective) => objective.customer_id === partner.id).map(({ id, title, status, due_on }) => ({
        id, title, dueOn: due_on, overdue: isObjectiveOverdue({ status, dueOn: due_on }, today),
      })),
    };
  });
}

/** The EM's week: this week's update, the partners without this week's snapshot, open blockers, routed requests. */
async function emWeek(db: Executor, today: string) {
  const thisWeek = weekStartOf(today);
  const [update, partners, open, destinations] = await Promise.all([
    db.selectFrom('weekly_updates').select(['status']).where('week_start', '=', thisWeek).executeTakeFirst(),
    listCustomerOverviews(db, { today, settings: await getSettings(db), stages: ['active'] }),
    listOpenItems(db, { kind: 'blocker' }, today, HOME_BLOCKERS),
    countOpenRequestsByDestination(db),
  ]);
  return {
    week: { weekStart: thisWeek, status: (update?.status ?? 'missing') as UpdateStatus, dueOn: updateDueOn(thisWeek) },
    unrecorded: partners.filter((partner) => partner.latest?.weekStart !== thisWeek).map(({ slug, name }) => ({ slug, name })),
    openBlockers: open.matching,
    blockers: open.items.map(({ id, customer, customer_name, occurred_on, body }) => ({ id, customer, customerName: customer_name, occurredOn: occurred_on, body })),
    destinations,
  };
}

/** Candidates waiting for an exec's decision, best fit first, with their eligibility: the first few, and how many. */
async function waitingCandidates(db: Executor) {
  const { rows, total } = await listCandidates(db, { stage: 'candidate', sort: 'score', limit: HOME_CANDIDATES });
  return { waiting: total, candidates: rows.map(({ slug, name, answers }) => ({ slug, name, assessment: answers && assessFramework(answers) })) };
}

/** What the signed-in person sees first on the dashboard: their own work, by role. */
export async function loadHome(db: Executor, user: SignedInUser, today: string) {
  const owned = (await objectivesDueSoon(db, today, { ownerId: user.id })).map(({ id, title, status, due_on, slug, customer_name }) => ({
    id, title, dueOn: due_on, overdue: isObjectiveOverdue({ status, dueOn: due_on }, today), customer: slug, customerName: customer_name,
  }));
  return { ...(await roleHome(db, user, today)), objectivesDue: owned };
}

/** The work that waits on a person of this role. */
async function roleHome(db: Executor, user: SignedInUser, today: string) {
  switch (user.role) {
    case 'engineer':
      return { role: 'engineer' as const, partners: await myPartners(db, user.id, today) };
    case 'em':
      return { role: 'em' as const, ...(await emWeek(db, today)) };
    case 'exec':
      return { role: 'exec' as const, ...(await waitingCandidates(db)) };
    case 'viewer':
      return { role: 'viewer' as const };
  }
}

export type Home = Awaited<ReturnType<typeof loadHome>>;
