import type { SettingName } from './settings';

export type SettingChange = { name: SettingName; value: number; changedOn: string };

/** The value of a threshold in force on each date, from the history of changes (oldest first) and the default before any. */
export function thresholdOn(
  dates: string[],
  changes: SettingChange[],
  name: SettingName,
  fallback: number,
): number[] {
  const relevant = changes.filter((change) => change.name === name);
  return dates.map((end) => {
    let value = fallback;
    for (const change of relevant) if (change.changedOn <= end) value = change.value;
    return value;
  });
}

/** The labels of the points at which the threshold differs from the point before: where to mark a change. */
export function thresholdChanges(points: { label: string; threshold: number }[]): string[] {
  return points.filter((point, index) => index > 0 && point.threshold !== points[index - 1]!.threshold).map((point) => point.label);
}
