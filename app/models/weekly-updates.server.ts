import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '~/domain/app-error';
import { snapshotPercents } from '~/domain/customer-health';
import { addDays, weekStartOf } from '~/domain/dates';
import { updateSubmittedEvent } from '~/domain/events';
import { OPEN_OBJECTIVE_STATUSES, PLAN_STAGES } from '~/domain/success-plan';
import { updateDueOn, weeklyUpdateMarkdown, weeksBetween, type SavedUpdateStatus, type UpdateStatus, type WeeklyUpdateSections } from '~/domain/weekly-update';
import { recordAudit, type Audited } from './audit.server';
import { isUniqueViolation, type Executor } from './db.server';
import { raiseEvent } from './events.server';
import { listOpenItems } from './progress.server';

const LISTED_WEEKS = 12;

/**
 * Every week from the earliest update (or the last 12 weeks) to the current one, newest first, with its
 * update's state: missing where none was started.
 */
export async function listWeeklyUpdateStates(db: Executor, today: string) {
  const current = weekStartOf(today);
  const rows = await db
    .selectFrom('weekly_updates')
    .leftJoin('users', 'users.id', 'weekly_updates.submitted_by')
    .select(['weekly_updates.week_start', 'weekly_updates.status', 'weekly_updates.submitted_at', 'weekly_updates.amended_at', 'users.name as submitted_by_name'])
    .where('weekly_updates.week_start', '<=', current)
    .orderBy('weekly_updates.week_start', 'desc')
    .execute();
  const byWeek = new Map(rows.map((row) => [row.week_start, row]));
  const earliest = rows.at(-1)?.week_start;
  const first = earliest && earliest < addDays(current, -7 * (LISTED_WEEKS - 1)) ? earliest : addDays(current, -7 * (LISTED_WEEKS - 1));
  return weeksBetween(first, current).map((weekStart) => {
    const row = byWeek.get(weekStart);
    return {
      weekStart,
      status: (row?.status ?? 'missing') as UpdateStatus,
      submittedAt: row?.submitted_at ?? null,
      amendedAt: row?.amended_at ?? null,
      submittedBy: row?.submitted_by_name ?? null,
    };
  });
}

/** One week's update with who wrote and submitted it, or undefined when none was started. */
export async function findWeeklyUpdate(db: Executor, weekStart: string) {
  return db
    .selectFrom('weekly_updates')
    .innerJoin('users as editor', 'editor.id', 'weekly_updates.updated_by')
    .leftJoin('users as submitter', 'submitter.id', 'weekly_updates.submitted_by')
    .select([
      'weekly_updates.week_start', 'weekly_updates.status', 'weekly_updates.progress', 'weekly_updates.blockers', 'weekly_updates.upcoming',
      'weekly_updates.version', 'weekly_updates.updated_at', 'weekly_updates.submitted_at', 'weekly_updates.amended_at',
      'editor.name as updated_by_name', 'submitter.name as submitted_by_name',
    ])
    .where('weekly_updates.week_start', '=', weekStart)
    .executeTakeFirst();
}

// More log entries or blockers than a draft's section has room for (DraftFacts): it names the first, counts the rest.
const DRAFT_ROWS = 500;
const countOfAll = sql<number>`(count(*) over ())::int`.as('count');

/**
 * What a week's first draft is made of: the week's log and the blockers open `today` (the first of each, and how
 * many), each active partner's snapshot for the week and the week before, and the objectives done and due.
 */
export async function loadDraftFacts(db: Executor, weekStart: string, today: string) {
  const objectives = (db: Executor) => db.selectFrom('objectives').innerJoin('customers', 'customers.id', 'objectives.customer_id').select(['customers.name as customer', 'objectives.title']);
  const [entries, openBlockers, partners, objectivesDone, objectivesDue] = await Promise.all([
    db
      .selectFrom('progress_entries as entry')
      .innerJoin('customers', 'customers.id', 'entry.customer_id')
      .leftJoin('feedback_themes as theme', 'theme.id', 'entry.theme_id')
      .select(['customers.name as customer', 'entry.kind', 'entry.occurred_on as occurredOn', 'entry.body', 'entry.routed_to as routedTo', 'theme.name as theme'])
      .select(sql<string | null>`to_char(entry.resolved_at, 'YYYY-MM-DD')`.as('resolvedOn'))
      .select(countOfAll)
      .where('entry.occurred_on', '>=', weekStart)
      .where('entry.occurred_on', '<=', addDays(weekStart, 6))
      .orderBy('entry.occurred_on')
      .orderBy('entry.id')
      .limit(DRAFT_ROWS)
      .execute(),
    listOpenItems(db, { kind: 'blocker' }, today, DRAFT_ROWS),
    db
      .selectFrom('customers')
      .leftJoin('metric_snapshots as week', (join) => join.onRef('week.customer_id', '=', 'customers.id').on('week.week_start', '=', sql<string>`${weekStart}::date`))
      .leftJoin('metric_snapshots as before', (join) =>
        join.onRef('before.customer_id', '=', 'customers.id').on('before.week_start', '=', sql<string>`${addDays(weekStart, -7)}::date`),
      )
      .select([
        'customers.name as customer',
        'week.completions_shown', 'week.completions_accepted', 'week.dau', 'week.available_developers',
        'before.completions_shown as before_shown', 'before.completions_accepted as before_accepted', 'before.dau as before_dau',
        'before.available_developers as before_developers',
      ])
      .where('customers.stage', '=', 'active')
      .orderBy('customers.name')
      .execute(),
    objectives(db)
      .select('objectives.done_on as doneOn')
      .where('objectives.done_on', '>=', weekStart)
      .where('objectives.done_on', '<=', addDays(weekStart, 6))
      .orderBy('objectives.done_on')
      .orderBy('objectives.id')
      .execute(),
    objectives(db)
      .select('objectives.due_on as dueOn')
      .where('objectives.status', 'in', OPEN_OBJECTIVE_STATUSES)
      .where('objectives.due_on', '<=', addDays(updateDueOn(weekStart), 14))
      .where('customers.stage', 'in', PLAN_STAGES)
      .orderBy('objectives.due_on')
      .orderBy('objectives.id')
      .execute(),
  ]);
  // A week without a snapshot has no percentages (the left join gives nulls throughout).
  const percents = (completionsShown: number | null, completionsAccepted: number | null, dau: number | null, availableDevelopers: number | null) =>
    dau === null ? null : snapshotPercents({ completionsShown: completionsShown!, completionsAccepted: completionsAccepted!, dau, availableDevelopers: availableDevelopers! });
  return {
    entries: entries.map(({ count: _count, ...entry }) => entry),
    entryCount: entries[0]?.count ?? 0,
    openBlockers: openBlockers.items.map(({ customer_name, occurred_on, body }) => ({ customer: customer_name, occurredOn: occurred_on, body })),
    openBlockerCount: openBlockers.matching,
    objectivesDone: objectivesDone.map((row) => ({ ...row, doneOn: row.doneOn! })),
    objectivesDue,
    partners: partners.map((row) => ({
      customer: row.customer,
      week: percents(row.completions_shown, row.completions_accepted, row.dau, row.available_developers),
      weekBefore: percents(row.before_shown, row.before_accepted, row.before_dau, row.before_developers),
    })),
  };
}

const conflict = (message: string) => new AppError({ status: 409, code: 'version_conflict', message });

/**
 * Saves a week's update: a new one as a draft (or submitted at once), a draft as a draft or submitted, a
 * submitted one as amended. `version` is the one the editor started from (null for a new update); another
 * save in between is a 409, and nothing is overwritten.
 */
export async function saveWeeklyUpdate(
  db: Kysely<DB>,
  input: { weekStart: string; sections: WeeklyUpdateSections; version: number | null; submit: boolean } & Audited,
): Promise<{ status: SavedUpdateStatus; version: number }> {
  const { actor, now, ip, weekStart, sections } = input;
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('weekly_updates')
        .select(['id', 'status', 'version', 'progress', 'blockers', 'upcoming', 'updated_at'])
        .where('week_start', '=', weekStart)
        .forUpdate()
        .executeTakeFirst();
      if (!existing) {
        if (input.version !== null) throw conflict('This update is not where you left it: reload the page.');
        const status = input.submit ? 'submitted' : 'draft';
        const created = await trx
          .insertInto('weekly_updates')
          .values({
            week_start: weekStart, status, ...sections, created_by: actor.id, created_at: now, updated_by: actor.id, updated_at: now,
            submitted_by: input.submit ? actor.id : null, submitted_at: input.submit ? now : null,
          })
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, { actor, ip, action: `weekly_update.${status}`, entityType: 'weekly_updates', entityId: weekStart, after: { status, ...sections } });
        if (status === 'submitted') await raiseEvent(trx, updateSubmittedEvent(weekStart, weeklyUpdateMarkdown(weekStart, sections)), now);
        return { status, version: created.version };
      }
      if (input.version !== existing.version) {
        throw conflict(
          `Someone else saved this update meanwhile (${existing.updated_at.toISOString().slice(0, 16).replace('T', ' ')} UTC). Your text is kept below: copy what you need, then reload to see theirs.`,
        );
      }
      const status: SavedUpdateStatus = existing.status === 'draft' ? (input.submit ? 'submitted' : 'draft') : 'amended';
      await trx
        .updateTable('weekly_updates')
        .set({
          ...sections, status, version: existing.version + 1, updated_by: actor.id, updated_at: now,
          ...(existing.status === 'draft' && status === 'submitted' ? { submitted_by: actor.id, submitted_at: now } : {}),
          ...(status === 'amended' ? { amended_at: now } : {}),
        })
        .where('id', '=', existing.id)
        .execute();
      await recordAudit(trx, {
        actor, ip, action: `weekly_update.${status}`, entityType: 'weekly_updates', entityId: weekStart,
        before: { status: existing.status, progress: existing.progress, blockers: existing.blockers, upcoming: existing.upcoming },
        after: { status, ...sections },
      });
      if (existing.status === 'draft' && status === 'submitted') {
        await raiseEvent(trx, updateSubmittedEvent(weekStart, weeklyUpdateMarkdown(weekStart, sections)), now);
      }
      return { status, version: existing.version + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'weekly_updates_week_start_key')) throw conflict('Someone else started this week’s update meanwhile: your text is kept below; reload to see theirs.');
    throw error;
  }
}
