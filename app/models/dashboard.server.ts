import { snapshotPercents } from '~/domain/customer-health';
import { assessFramework } from '~/domain/framework';
import { groupSmallPartners, northStarHeadline, OTHER_PARTNERS } from '~/domain/north-star';
import { change } from '~/domain/week-over-week';
import { isUpdateOverdue } from '~/domain/weekly-update';
import type { Executor } from './db.server';
import { currentEvaluations, toAnswers } from './framework-evaluations.server';
import { listWatchedGraduates } from './customers.server';
import { loadIntakeGateWithForecast } from './intake-gate.server';
import { northStarReporting } from './north-star.server';
import { getSettings } from './settings.server';
import { listWeeklyUpdateStates } from './weekly-updates.server';

const NORTH_STAR_WEEKS = 26;
const NORTH_STAR_NAMED_PARTNERS = 7;

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

/**
 * The north star's weeks with its largest partners named and the rest grouped, how many partners reported in each,
 * the names to show, and the headline (taken before grouping: it compares partner by partner).
 */
async function northStarChart(db: Executor, today: string) {
  const [reporting, named] = await Promise.all([northStarReporting(db, { today, weeks: NORTH_STAR_WEEKS }), listNorthStarPartners(db)]);
  const headline = northStarHeadline(reporting);
  const { weeks, shown } = groupSmallPartners(reporting, NORTH_STAR_NAMED_PARTNERS);
  const names = new Map(named.map((partner) => [partner.slug, partner.name]));
  const partners = shown.map((slug) => ({ slug, name: names.get(slug) ?? slug })).sort((a, b) => a.name.localeCompare(b.name));
  const grouped = weeks.some((week) => OTHER_PARTNERS in week.byCustomer);
  return { weeks, headline, partners: grouped ? [...partners, { slug: OTHER_PARTNERS, name: 'Other partners' }] : partners };
}

/** How many candidates fall in each fit, eligible or not, counted in SQL over their current answers. */
export async function countPipeline(db: Executor) {
  const groups = await db
    .selectFrom('customers')
    .innerJoin(currentEvaluations(db).as('evaluation'), 'evaluation.customer_id', 'customers.id')
    .select((eb) => [
      'evaluation.strategic_segment', 'evaluation.co_market', 'evaluation.new_industry', 'evaluation.vision_alignment',
      eb.fn.countAll<number>().as('candidates'),
    ])
    .where('customers.stage', '=', 'candidate')
    .groupBy(['evaluation.strategic_segment', 'evaluation.co_market', 'evaluation.new_industry', 'evaluation.vision_alignment'])
    .execute();
  const counts = { total: 0, strong: 0, possible: 0, weak: 0, notEligible: 0 };
  for (const group of groups) {
    const assessment = assessFramework(toAnswers({ ...group, related_market: null }));
    counts.total += group.candidates;
    counts[assessment.eligible ? assessment.fit : 'notEligible'] += group.candidates;
  }
  return counts;
}

/** Partners present or graduated (active or handed off), whose DAU the north star counts. */
export async function listNorthStarPartners(db: Executor) {
  return db.selectFrom('customers').select(['slug', 'name']).where('stage', 'in', ['active', 'handed_off']).orderBy('name').execute();
}

/** Everything the dashboard shows at `today`, in a fixed number of queries whatever the number of customers. */
export async function loadDashboard(db: Executor, today: string) {
  // Independent queries, run side by side on a server pool (PGlite's single connection takes them in turn); the
  // gate and the graduates' health, both judged by the settings, each as soon as they are read.
  const reading = getSettings(db);
  const [{ gate, forecast, partners, settings, names }, graduates, updateWeeks, northStar, pipeline, leadLoads] = await Promise.all([
    reading.then((settings) => loadIntakeGateWithForecast(db, today, settings)),
    reading.then((settings) => listWatchedGraduates(db, { today, settings })),
    listWeeklyUpdateStates(db, today),
    northStarChart(db, today),
    countPipeline(db),
    listLeadLoads(db),
  ]);
  return {
    today,
    gate,
    forecast,
    graduates: graduates.map(({ slug, name, leadEngineer, health }) => ({ slug, name, leadEngineer, health })),
    names,
    thresholds: { acceptancePct: settings.acceptancePct, dauPct: settings.dauPct, iarrUsd: settings.iarrUsd, staleWindowDays: settings.staleWindowDays },
    partners: partners.map(({ slug, name, leadEngineer, health, previous, iarrWeekAgoUsd }) => {
      const before = previous && snapshotPercents(previous);
      const { status, snapshotWeek, fresh, acceptancePct, dauPct, iarrUsd } = health;
      return {
        // What the partners table shows: the page carries its data to the browser, so no more than that.
        slug, name, leadEngineer, health: { status, snapshotWeek, fresh, acceptancePct, dauPct, iarrUsd },
        changes: {
          acceptance: change(health.acceptancePct, before?.acceptancePct),
          dau: change(health.dauPct, before?.dauPct),
          iarr: health.iarrUsd - iarrWeekAgoUsd,
        },
      };
    }),
    northStar,
    pipeline,
    alerts: {
      stale: gate.reasons.filter((reason) => reason.kind === 'stale' || reason.kind === 'no_data'),
      // Every week the /updates page calls overdue, newest first.
      overdueUpdates: updateWeeks.filter((week) => isUpdateOverdue(week, today)).map((week) => week.weekStart),
    },
    leadLoads,
  };
}
