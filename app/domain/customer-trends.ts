import { snapshotPercents, type Snapshot } from './customer-health';
import { addDays } from './dates';
import { downsample } from './downsample';
import type { ForecastMetric, PartnerForecast } from './gate-forecast';
import type { Settings } from './settings';
import { thresholdChanges, thresholdOn, type SettingChange } from './threshold-history';

export const MAX_CHART_POINTS = 500;

type Point = { label: string; value: number | null; threshold: number };
/** Where a failing metric's trend reaches its threshold: `week` null when it is not on course to within a year. */
export type Projection = { week: string | null; threshold: number };
export type Trend = { points: Point[]; changes: string[]; projection: Projection | null };

function trend(labels: string[], values: (number | null)[], thresholds: number[], projection: Projection | null = null): Trend {
  const points = labels.map((label, index) => ({ label, value: values[index]!, threshold: thresholds[index]! }));
  // Changes are found before downsampling, so none is lost with the points dropped.
  const changes = thresholdChanges(points);
  const kept = downsample(points, MAX_CHART_POINTS, (point) => point.value ?? 0);
  const keptLabels = new Set(kept.map((point) => point.label));
  return { points: kept, changes: changes.filter((label) => keptLabels.has(label)), projection };
}

/**
 * Realized iARR as steps over the customer's whole window: from its first snapshot week or booking, whichever is
 * earlier, to today, with a point at each booking date and each threshold change, so that a chart stepping from
 * point to point draws the ledger as it was on every day.
 */
function iarrSteps(ledger: { bookedOn: string; runningTotal: number }[], firstWeek: string | undefined, changes: SettingChange[], today: string) {
  const realized = ledger.filter((entry) => entry.bookedOn <= today);
  const start = [firstWeek, realized[0]?.bookedOn].filter((date): date is string => date !== undefined).sort()[0];
  if (start === undefined) return { dates: [], totals: [] };
  const changeDates = changes.filter((change) => change.name === 'iarrUsd' && change.changedOn > start && change.changedOn <= today);
  const dates = [...new Set([start, ...realized.map((entry) => entry.bookedOn), ...changeDates.map((change) => change.changedOn), today])].sort();
  // The ledger's running total runs oldest first: the last entry booked by a date holds that date's total.
  const totals = dates.map((date) => realized.findLast((entry) => entry.bookedOn <= date)?.runningTotal ?? 0);
  return { dates, totals };
}

/**
 * A customer's acceptance %, DAU % (by week) and cumulative realized iARR (stepping at each booking), each with the
 * threshold in force at the time, and the gate forecast's projection of a failing percentage; at most
 * MAX_CHART_POINTS points a series.
 */
export function customerTrends(input: {
  snapshots: Snapshot[];
  ledger: { bookedOn: string; runningTotal: number }[];
  changes: SettingChange[];
  defaults: Settings;
  today: string;
  forecast: PartnerForecast[];
  thresholds: Pick<Settings, 'acceptancePct' | 'dauPct'>;
}): { acceptance: Trend; dau: Trend; iarr: Trend } {
  const weeks = input.snapshots.map((snapshot) => snapshot.weekStart);
  const percents = input.snapshots.map(snapshotPercents);
  const weekEnds = weeks.map((week) => addDays(week, 6));
  const iarr = iarrSteps(input.ledger, weeks[0], input.changes, input.today);
  const projection = (metric: ForecastMetric, threshold: number): Projection | null => {
    const forecast = input.forecast.find((entry) => entry.metric === metric);
    return forecast ? { week: forecast.projectedWeek, threshold } : null;
  };
  return {
    acceptance: trend(
      weeks,
      percents.map((percent) => percent.acceptancePct),
      thresholdOn(weekEnds, input.changes, 'acceptancePct', input.defaults.acceptancePct),
      projection('acceptance', input.thresholds.acceptancePct),
    ),
    dau: trend(
      weeks,
      percents.map((percent) => percent.dauPct),
      thresholdOn(weekEnds, input.changes, 'dauPct', input.defaults.dauPct),
      projection('dau', input.thresholds.dauPct),
    ),
    iarr: trend(iarr.dates, iarr.totals, thresholdOn(iarr.dates, input.changes, 'iarrUsd', input.defaults.iarrUsd)),
  };
}

/** What a trend's table shows: its latest `weeks` points (every point when null), and how many it has. */
export function trendTable({ points, changes, projection }: Trend, weeks: number | null) {
  return { rows: weeks === null ? points : points.slice(-weeks), total: points.length, changes, projection };
}
export type TrendTable = ReturnType<typeof trendTable>;
