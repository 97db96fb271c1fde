import { assessFramework } from '~/domain/framework';
import { change } from '~/domain/week-over-week';
import { latestDueWeek } from '~/domain/weekly-update-due';
import { listCandidateRows } from './customers.server';
import type { Executor } from './db.server';
import { loadIntakeGate } from './intake-gate.server';
import { northStarSeries } from './north-star.server';

const NORTH_STAR_WEEKS = 26;


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

const percentOf = (snapshot: { completionsShown: number; completionsAccepted: number; dau: number; availableDevelopers: number } | null) => ({
  acceptance: snapshot && snapshot.completionsShown > 0 ? (snapshot.completionsAccepted / snapshot.completionsShown) * 100 : null,
  dau: snapshot ? (snapshot.dau / snapshot.availableDevelopers) * 100 : null,
});

/** Everything the dashboard shows at `today`, in a fixed number of queries whatever the number of customers. */
export async function loadDashboard(db: Executor, today: string) {
  const { gate, partners, settings, names } = await loadIntakeGate(db, today);
  const candidates = (await listCandidateRows(db)).filter((row) => row.stage === 'candidate');
  const assessments = candidates.flatMap((row) => (row.answers ? [assessFramework(row.answers)] : []));
  const dueWeek = latestDueWeek(today);
  const updateState = await weeklyUpdateState(db, dueWeek);
  return {
    today,
    gate,
    names,
    thresholds: { acceptancePct: settings.acceptancePct, dauPct: settings.dauPct, iarrUsd: settings.iarrUsd, staleWindowDays: settings.staleWindowDays },
    partners: partners.map(({ slug, name, leadEngineer, health, latest, previous, iarrWeekAgoUsd }) => {
      const [now, before] = [percentOf(latest), percentOf(previous)];
      return {
        slug, name, leadEngineer, health,
        changes: { acceptance: change(now.acceptance, before.acceptance), dau: change(now.dau, before.dau), iarr: health.iarrUsd - iarrWeekAgoUsd },
      };
    }),
    northStar: await northStarSeries(db, { today, weeks: NORTH_STAR_WEEKS }),
    northStarPartners: await listNorthStarPartners(db),
    pipeline: {
      total: candidates.length,
      strong: assessments.filter((a) => a.eligible && a.fit === 'strong').length,
      possible: assessments.filter((a) => a.eligible && a.fit === 'possible').length,
      weak: assessments.filter((a) => a.eligible && a.fit === 'weak').length,
      notEligible: assessments.filter((a) => !a.eligible).length,
    },
    alerts: {
      stale: gate.reasons.filter((reason) => reason.kind === 'stale' || reason.kind === 'no_data'),
      overdueUpdate: updateState === 'missing' || updateState === 'draft' ? dueWeek : null,
    },
    leadLoads: await listLeadLoads(db),
  };
}
