import type { ExpressionBuilder } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import { AppError, invalidFields } from '~/domain/app-error';
import { addDays } from '~/domain/dates';
import { assessCustomerHealth, type CustomerHealth, type Snapshot } from '~/domain/customer-health';
import { isWatched } from '~/domain/lifecycle';
import type { Settings } from '~/domain/settings';
import type { CandidateSort } from '~/schemas/candidates';
import type { DB, Stage } from '../../db/schema';
import { isUniqueViolation, type Executor } from './db.server';
import { currentEvaluations, scoreOf, toAnswers } from './framework-evaluations.server';

export type CustomerOverview = {
  id: number;
  version: number;
  slug: string;
  name: string;
  stage: Stage;
  approvedAt: Date | null;
  leadEngineer: { email: string; name: string } | null;
  latest: Snapshot | null;
  /** The snapshot before the latest, for week-over-week changes. */
  previous: Snapshot | null;
  /** iARR realized a week before today. */
  iarrWeekAgoUsd: number;
  health: CustomerHealth;
  /** The day a handed-off or ended partnership stopped, else null. */
  exitedOn: string | null;
};

function toSnapshot(row: {
  week_start: string | null; completions_shown: number | null; completions_accepted: number | null; dau: number | null;
  available_developers: number | null;
}): Snapshot | null {
  return row.week_start === null
    ? null
    : {
        weekStart: row.week_start,
        completionsShown: row.completions_shown ?? 0,
        completionsAccepted: row.completions_accepted ?? 0,
        dau: row.dau ?? 0,
        availableDevelopers: row.available_developers ?? 1,
      };
}

/** The customer's snapshot `back` places before its latest with week_start ≤ today (0: the latest itself). */
function snapshotBack(eb: ExpressionBuilder<DB, 'customers'>, today: string, back: number) {
  return eb
    .selectFrom('metric_snapshots')
    .select(['week_start', 'completions_shown', 'completions_accepted', 'dau', 'available_developers'])
    .whereRef('metric_snapshots.customer_id', '=', 'customers.id')
    .where('metric_snapshots.week_start', '<=', today)
    .orderBy('metric_snapshots.week_start', 'desc')
    .offset(back)
    .limit(1);
}

/** The customer's iARR realized by `date`: the sum of its entries booked on or before it. */
function iarrRealizedBy(eb: ExpressionBuilder<DB, 'customers'>, date: string) {
  return eb
    .selectFrom('iarr_entries')
    .select((sub) => sub.fn.coalesce(sub.fn.sum<number>('amount_usd'), sub.lit(0)).as('total'))
    .whereRef('iarr_entries.customer_id', '=', 'customers.id')
    .where('iarr_entries.booked_on', '<=', date);
}

/**
 * Customers of the given stages (or the one slug, or one lead engineer's) with their lead engineer, latest and previous snapshots with
 * week_start ≤ today, iARR realized by today and a week before, and their health: one query, whatever their number.
 */
export async function listCustomerOverviews(
  db: Executor,
  options: { today: string; settings: Settings; stages?: Stage[]; slug?: string; leadEngineerId?: number; limit?: number },
): Promise<CustomerOverview[]> {
  let query = db
    .selectFrom('customers')
    .leftJoinLateral((eb) => snapshotBack(eb, options.today, 0).as('latest'), (join) => join.onTrue())
    .leftJoinLateral((eb) => snapshotBack(eb, options.today, 1).as('previous'), (join) => join.onTrue())
    .leftJoin('handoffs', 'handoffs.customer_id', 'customers.id')
    .select((eb) => [
      'handoffs.exited_on',
      'customers.id',
      'customers.version',
      'customers.slug',
      'customers.name',
      'customers.stage',
      'customers.approved_at',
      'latest.week_start',
      'latest.completions_shown',
      'latest.completions_accepted',
      'latest.dau',
      'latest.available_developers',
      'previous.week_start as previous_week_start',
      'previous.completions_shown as previous_completions_shown',
      'previous.completions_accepted as previous_completions_accepted',
      'previous.dau as previous_dau',
      'previous.available_developers as previous_available_developers',
      iarrRealizedBy(eb, addDays(options.today, -7)).as('iarr_week_ago_usd'),
      jsonObjectFrom(
        eb.selectFrom('users').select(['users.email', 'users.name']).whereRef('users.id', '=', 'customers.lead_engineer_id'),
      ).as('lead_engineer'),
      iarrRealizedBy(eb, options.today).as('realized_iarr_usd'),
    ])
    .orderBy('customers.name');
  if (options.stages) query = query.where('customers.stage', 'in', options.stages);
  if (options.slug) query = query.where('customers.slug', '=', options.slug);
  if (options.leadEngineerId) query = query.where('customers.lead_engineer_id', '=', options.leadEngineerId);
  if (options.limit) query = query.orderBy('customers.slug').limit(options.limit);
  const rows = await query.execute();
  return rows.map((row) => {
    const latest = toSnapshot(row);
    const previous = toSnapshot({
      week_start: row.previous_week_start, completions_shown: row.previous_completions_shown,
      completions_accepted: row.previous_completions_accepted, dau: row.previous_dau,
      available_developers: row.previous_available_developers,
    });
    return {
      id: row.id,
      version: row.version,
      slug: row.slug,
      name: row.name,
      stage: row.stage,
      approvedAt: row.approved_at,
      leadEngineer: row.lead_engineer,
      latest,
      previous,
      iarrWeekAgoUsd: Number(row.iarr_week_ago_usd ?? 0),
      exitedOn: row.exited_on,
      health: assessCustomerHealth({
        snapshot: latest,
        realizedIarrUsd: Number(row.realized_iarr_usd ?? 0),
        settings: options.settings,
        today: options.today,
      }),
    };
  });
}

/** Handed-off partners still watched at `today` (12 weeks after their exit date), with their status. */
export async function listWatchedGraduates(db: Executor, options: { today: string; settings: Settings }): Promise<CustomerOverview[]> {
  const graduates = await listCustomerOverviews(db, { ...options, stages: ['handed_off'] });
  return graduates.filter((graduate) => isWatched(graduate, options.today));
}

const customerColumns = [
  'customers.id', 'customers.slug', 'customers.name', 'customers.stage', 'customers.notes', 'customers.version',
  'customers.approved_at', 'customers.created_at', 'customers.lead_engineer_id',
] as const;

/** The customer with that slug and its lead engineer; `forUpdate` locks the row for the transaction. */
export async function findCustomerBySlug(db: Executor, slug: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('customers')
    .select((eb) => [
      ...customerColumns,
      jsonObjectFrom(
        eb.selectFrom('users').select(['users.id', 'users.email', 'users.name']).whereRef('users.id', '=', 'customers.lead_engineer_id'),
      ).as('lead_engineer'),
    ])
    .where('customers.slug', '=', slug);
  if (options.forUpdate) query = query.forUpdate('customers');
  return (await query.executeTakeFirst()) ?? null;
}

/** Finds a customer or throws the 404 that names the slug. */
export async function getCustomerBySlug(db: Executor, slug: string, options: { forUpdate?: boolean } = {}) {
  const customer = await findCustomerBySlug(db, slug, options);
  if (!customer) throw new AppError({ status: 404, code: 'not_found', message: `No customer has the slug "${slug}".` });
  return customer;
}

/** Adds a candidate; a slug or name already taken is a 422 on that field. */
export async function insertCandidate(
  db: Executor,
  candidate: { name: string; slug: string; notes: string; now: Date },
) {
  try {
    return await db
      .insertInto('customers')
      .values({ name: candidate.name, slug: candidate.slug, notes: candidate.notes, updated_at: candidate.now })
      .returning(['id', 'slug', 'name', 'stage', 'version'])
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'customers_slug_key')) {
      throw invalidFields({ slug: `The slug "${candidate.slug}" is taken: choose another.` });
    }
    if (isUniqueViolation(error, 'customers_name_key')) {
      throw invalidFields({ name: `A customer named "${candidate.name}" already exists.` });
    }
    throw error;
  }
}

/**
 * Changes a customer row if it is still at `version` (when given), bumping the version; a 409 when someone
 * changed it meanwhile.
 */
export async function updateCustomer(
  db: Executor,
  change: {
    id: number;
    version?: number;
    now: Date;
    set: { stage?: Stage; approved_at?: Date; lead_engineer_id?: number | null; notes?: string };
  },
) {
  let query = db
    .updateTable('customers')
    .set((eb) => ({ ...change.set, updated_at: change.now, version: eb('version', '+', 1) }))
    .where('id', '=', change.id);
  if (change.version !== undefined) query = query.where('version', '=', change.version);
  const updated = await query.returning(['id', 'stage', 'version', 'lead_engineer_id', 'notes']).executeTakeFirst();
  if (!updated) {
    throw new AppError({
      status: 409,
      code: 'conflict',
      message: 'This customer was changed by someone else meanwhile. Reload the page to see the change, then try again.',
    });
  }
  return updated;
}

/** How many customers are at `stage`. */
export async function countAtStage(db: Executor, stage: Stage) {
  const { total } = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('total')).where('stage', '=', stage).executeTakeFirstOrThrow();
  return Number(total);
}

/**
 * The customers at `stage` (candidate or rejected) with their current framework answers (null before any) and
 * how many there are: the first `limit` in the order asked for, best score, name, or eligible first (then score),
 * those without answers last. Sorted and cut in SQL, so a page costs its rows whatever the number of candidates.
 */
export async function listCandidates(db: Executor, options: { stage: 'candidate' | 'rejected'; sort: CandidateSort; limit: number }) {
  let query = db
    .selectFrom('customers')
    .leftJoin(currentEvaluations(db).as('evaluation'), 'evaluation.customer_id', 'customers.id')
    .select([
      'customers.slug', 'customers.name',
      'evaluation.strategic_segment', 'evaluation.co_market', 'evaluation.new_industry', 'evaluation.related_market', 'evaluation.vision_alignment',
    ])
    .where('customers.stage', '=', options.stage);
  if (options.sort === 'eligibility') query = query.orderBy('evaluation.strategic_segment', (order) => order.desc().nullsLast());
  if (options.sort !== 'name') query = query.orderBy(scoreOf, (order) => order.desc().nullsLast());
  const [rows, total] = await Promise.all([
    query.orderBy('customers.name').orderBy('customers.slug').limit(options.limit).execute(),
    countAtStage(db, options.stage),
  ]);
  return {
    total,
    rows: rows.map(({ slug, name, ...evaluation }) => ({
      slug,
      name,
      answers: evaluation.co_market === null ? null : toAnswers(evaluation as Parameters<typeof toAnswers>[0]),
    })),
  };
}
