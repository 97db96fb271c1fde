import { describe, expect, it } from 'vitest';
import { thresholdChanges, thresholdOn, type SettingChange } from '~/domain/threshold-history';

const WEEK_ENDS = ['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22'];
const CHANGES: SettingChange[] = [
  { name: 'acceptancePct', value: 35, changedOn: '2026-11-08' }, // on the day itself: in force
  { name: 'dauPct', value: 40, changedOn: '2026-11-10' },
  { name: 'acceptancePct', value: 32.5, changedOn: '2026-11-16' },
];

describe('threshold history', () => {
  it('gives each date the value in force on it, the default before any change', () => {
    expect(thresholdOn(WEEK_ENDS, CHANGES, 'acceptancePct', 30)).toEqual([30, 35, 35, 32.5]);
    expect(thresholdOn(WEEK_ENDS, CHANGES, 'dauPct', 50)).toEqual([50, 50, 40, 40]);
    expect(thresholdOn(WEEK_ENDS, [], 'iarrUsd', 250_000)).toEqual([250_000, 250_000, 250_000, 250_000]);
  });

  it('marks the points at which the threshold changed', () => {
    const points = WEEK_ENDS.map((label, index) => ({ label, threshold: [30, 35, 35, 32.5][index]! }));
    expect(thresholdChanges(points)).toEqual(['2026-11-08', '2026-11-22']);
    expect(thresholdChanges([])).toEqual([]);
  });
});
