import type { Snapshot } from '~/domain/customer-health';
import { customerTrends } from '~/domain/customer-trends';
import { forecastPartner } from '~/domain/gate-forecast';
import type { GateReason } from '~/domain/intake-gate';
import { DEFAULT_SETTINGS } from '~/domain/settings';
import { findCustomerBySlug, listCustomerOverviews } from './customers.server';
import type { Executor } from './db.server';
import { listDecisions } from './decisions.server';
import { listEvaluations } from './framework-evaluations.server';
import { listIarrLedger } from './iarr.server';
import { loadIntakeGate } from './intake-gate.server';
import { listSnapshots } from './metrics.server';
import { listObjectives } from './objectives.server';
import { findPartnershipExit } from './partnerships.server';
import { listProgress, listThemeNames, type ProgressFilter } from './progress.server';
import { settingChangeHistory } from './settings.server';

const RECENT_WEEKS = 12;

type CustomerPageOptions = { slug: string; today: string; timeZone: string; progressFilter: ProgressFilter };

/** The snapshot cache's key of a customer page: the page and its charts' series share one load. */
export const customerPageKey = (options: CustomerPageOptions) => `customer page ${JSON.stringify(options)}`;

/** Everything a customer's page shows at `today`, or null for an unknown slug; a fixed number of queries. */
export async function loadCustomerPage(db: Executor, options: CustomerPageOptions) {
  const customer = await findCustomerBySlug(db, options.slug);
  if (!customer) return null;
  const { today } = options;
  // Independent queries, run side by side on a server pool (PGlite's single connection takes them in turn).
  const [evaluations, decisions, exit, intake, snapshots, ledger, changes, progress, themes, objectives] = await Promise.all([
    listEvaluations(db, customer.id),
    listDecisions(db, customer.id),
    findPartnershipExit(db, customer.id),
    loadIntakeGate(db, today),
    listSnapshots(db, customer.id),
    listIarrLedger(db, customer.id),
    settingChangeHistory(db, options.timeZone),
    listProgress(db, customer.id, options.progressFilter),
    listThemeNames(db),
    listObjectives(db, customer.id, today),
  ]);
  // An active partner's overview came with the gate; any other customer's takes one query more.
  const partner = intake.partners.find((entry) => entry.slug === customer.slug);
  const overview = partner ?? (await listCustomerOverviews(db, { today, settings: intake.settings, slug: customer.slug }))[0]!;
  const weeks: Snapshot[] = snapshots.map((row) => ({
    weekStart: row.week_start, completionsShown: row.completions_shown, completionsAccepted: row.completions_accepted,
    dau: row.dau, availableDevelopers: row.available_developers,
  }));
  // Only an active partner holds the gate closed, so only its shortfalls are forecast.
  const forecast = partner ? forecastPartner({ ...partner, snapshots: weeks }, intake.settings) : [];
  const trends = customerTrends({
    snapshots: weeks,
    ledger: ledger.map((entry) => ({ bookedOn: entry.booked_on, runningTotal: entry.running_total })),
    changes,
    defaults: DEFAULT_SETTINGS,
    today,
    forecast,
    thresholds: intake.settings,
  });
  // The current answers are the latest of their history, which comes newest first.
  const [latest] = evaluations;
  return {
    customer: { ...customer, leadEngineer: customer.lead_engineer },
    evaluation: latest ? { answers: latest.answers, assessment: latest.assessment } : null,
    evaluations,
    decisions: decisions.map((decision) => ({ ...decision, gate_reasons: decision.gate_reasons as GateReason[] })),
    exit,
    gate: intake.gate,
    partners: intake.names,
    health: overview.health,
    snapshots: weeks.slice(-RECENT_WEEKS),
    recordedWeeks: weeks.map((week) => week.weekStart),
    trends,
    ledger,
    progress,
    themes,
    objectives,
  };
}
