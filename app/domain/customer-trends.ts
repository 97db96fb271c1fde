import { snapshotPercents, type Snapshot } from './customer-health';
import { addDays } from './dates';
import { downsample } from './downsample';
import type { Settings } from './settings';
import { thresholdChanges, thresholdOn, type SettingChange } from './threshold-history';

export const MAX_CHART_POINTS = 500;

type Point = { label: string; value: number | null; threshold: number };
export type Trend = { points: Point[]; changes: string[] };

function trend(labels: string[], values: (number | null)[], thresholds: number[]): Trend {
  const points = labels.map((label, index) => ({ label, value: values[index]!, threshold: thresholds[index]! }));
  // Changes are found before downsampling, so none is lost with the points dropped.
  const changes = thresholdChanges(points);
  const kept = downsample(points, MAX_CHART_POINTS, (point) => point.value ?? 0);
  const keptLabels = new Set(kept.map((point) => point.label));
  return { points: kept, changes: changes.filter((label) => keptLabels.has(label)) };
}

/**
 * A customer's acceptance %, DAU % (by week) and cumulative realized iARR (by booking date), each with the
 * threshold in force at the time; at most MAX_CHART_POINTS points a series.
 */
export function customerTrends(input: {
  snapshots: Snapshot[];
  ledger: { bookedOn: string; runningTotal: number }[];
  changes: SettingChange[];
  defaults: Settings;
  today: string;
}): { acceptance: Trend; dau: Trend; iarr: Trend } {
  const weeks = input.snapshots.map((snapshot) => snapshot.weekStart);
  const percents = input.snapshots.map(snapshotPercents);
  const weekEnds = weeks.map((week) => addDays(week, 6));
  const realized = input.ledger.filter((entry) => entry.bookedOn <= input.today);
  const bookingDates = realized.map((entry) => entry.bookedOn);
  return {
    acceptance: trend(
      weeks,
      percents.map((percent) => percent.acceptancePct),
      thresholdOn(weekEnds, input.changes, 'acceptancePct', input.defaults.acceptancePct),
    ),
    dau: trend(
      weeks,
      percents.map((percent) => percent.dauPct),
      thresholdOn(weekEnds, input.changes, 'dauPct', input.defaults.dauPct),
    ),
    iarr: trend(
      bookingDates,
      realized.map((entry) => entry.runningTotal),
      thresholdOn(bookingDates, input.changes, 'iarrUsd', input.defaults.iarrUsd),
    ),
  };
}
