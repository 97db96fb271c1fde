import type { CustomerHealth, Snapshot } from './customer-health';
import { addDays, daysBetween } from './dates';
import type { IntakeGate } from './intake-gate';
import { add, ceil, compare, divide, fromDecimal, multiply, rational, subtract, type Rational } from './rational';
import type { Settings } from './settings';

// DOMAIN.md "Gate forecast": when each failing acceptance or DAU percentage reaches its threshold at current trends.

export type ForecastMetric = 'acceptance' | 'dau';
export type PartnerForecast = { customer: string; metric: ForecastMetric; projectedWeek: string | null };
export type GateForecast = { opensWeek: string | null; partners: PartnerForecast[] };

const WINDOW_DAYS = 49;
const HORIZON_DAYS = 364;

type Point = { x: bigint; y: Rational };

/**
 * The week in which the line through these points (ordinary least squares, exact) reaches the threshold, counted
 * from the latest point's week; null with fewer than 3 points, a flat or falling line, or beyond 52 weeks.
 */
export function projectWeek(points: Point[], latestWeek: string, threshold: Rational): string | null {
  if (points.length < 3) return null;
  const n = rational(points.length);
  const sum = (pick: (point: Point) => Rational) => points.reduce((total, point) => add(total, pick(point)), rational(0));
  const sx = sum((point) => rational(point.x));
  const sy = sum((point) => point.y);
  const sxy = sum((point) => multiply(rational(point.x), point.y));
  const sxx = sum((point) => rational(point.x * point.x));
  const slope = divide(subtract(multiply(n, sxy), multiply(sx, sy)), subtract(multiply(n, sxx), multiply(sx, sx)));
  if (compare(slope, rational(0)) <= 0) return null;
  const intercept = divide(subtract(sy, multiply(slope, sx)), n);
  const reachedAt = divide(subtract(threshold, intercept), slope);
  const latestX = points.reduce((latest, point) => (point.x > latest ? point.x : latest), 0n);
  const weeks = ceil(subtract(reachedAt, rational(latestX)));
  const days = 7 * Number(weeks < 1n ? 1n : weeks);
  return days > HORIZON_DAYS ? null : addDays(latestWeek, days);
}

type Partner = { slug: string; health: CustomerHealth; snapshots: Snapshot[] };

/** One metric's points: the snapshots of the 8 weeks up to the latest (for acceptance, those that showed any). */
function pointsOf(snapshots: Snapshot[], latestWeek: string, metric: ForecastMetric): Point[] {
  const window = snapshots.filter(
    (snapshot) => snapshot.weekStart <= latestWeek && snapshot.weekStart >= addDays(latestWeek, -WINDOW_DAYS) && (metric === 'dau' || snapshot.completionsShown > 0),
  );
  const earliest = window.reduce((first, snapshot) => (snapshot.weekStart < first ? snapshot.weekStart : first), latestWeek);
  return window.map((snapshot) => ({
    x: BigInt(daysBetween(earliest, snapshot.weekStart) / 7),
    y: metric === 'acceptance'
      ? rational(BigInt(snapshot.completionsAccepted) * 100n, BigInt(snapshot.completionsShown))
      : rational(BigInt(snapshot.dau) * 100n, BigInt(snapshot.availableDevelopers)),
  }));
}

/**
 * One partner's forecast: each acceptance or DAU percentage below its threshold with the week it reaches it at
 * current trends; none for a stale partner or one without data.
 */
export function forecastPartner({ slug, health, snapshots }: Partner, settings: Pick<Settings, 'acceptancePct' | 'dauPct'>): PartnerForecast[] {
  if (!health.fresh || health.snapshotWeek === null) return [];
  const latestWeek = health.snapshotWeek;
  const failing: [ForecastMetric, number][] = [];
  if (health.meets.acceptance === false) failing.push(['acceptance', settings.acceptancePct]);
  if (health.meets.dau === false) failing.push(['dau', settings.dauPct]);
  return failing.map(([metric, threshold]) => ({
    customer: slug, metric, projectedWeek: projectWeek(pointsOf(snapshots, latestWeek, metric), latestWeek, fromDecimal(threshold)),
  }));
}

/**
 * The forecast of a closed gate (null when it is open): every active partner's forecast; `opensWeek` the latest
 * projected week when every reason the gate is closed for is such a shortfall with a projection, else null
 * (staleness, no data, iARR and capacity cannot be projected).
 */
export function forecastGate(gate: IntakeGate, partners: Partner[], settings: Pick<Settings, 'acceptancePct' | 'dauPct'>): GateForecast | null {
  if (gate.open) return null;
  const forecasts = partners.flatMap((partner) => forecastPartner(partner, settings));
  const projected = (reason: IntakeGate['reasons'][number]) =>
    reason.kind === 'below_threshold' && reason.metric !== 'iarr'
      ? forecasts.find((forecast) => forecast.customer === reason.customer && forecast.metric === reason.metric)?.projectedWeek ?? null
      : null;
  const weeks = gate.reasons.map(projected);
  const opensWeek = weeks.every((week) => week !== null) ? weeks.reduce<string | null>((last, week) => (last === null || week! > last ? week : last), null) : null;
  return { opensWeek, partners: forecasts };
}
