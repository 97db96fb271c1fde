import { describe, expect, it } from 'vitest';
import { customerTrends } from '~/domain/customer-trends';
import { DEFAULT_SETTINGS } from '~/domain/settings';

const snapshot = (weekStart: string) => ({ weekStart, completionsShown: 100, completionsAccepted: 40, dau: 5, availableDevelopers: 10 });

describe('the cumulative iARR trend', () => {
  it('steps over the whole window: from the first week to today, a point at each booking and threshold change', () => {
    const { iarr } = customerTrends({
      snapshots: [snapshot('2026-09-07'), snapshot('2026-11-09')],
      ledger: [
        { bookedOn: '2026-10-01', runningTotal: 100_000 },
        { bookedOn: '2026-10-01', runningTotal: 150_000 },
        { bookedOn: '2026-11-03', runningTotal: 200_000 },
        { bookedOn: '2026-12-20', runningTotal: 260_000 },
      ],
      changes: [{ name: 'iarrUsd', value: 180_000, changedOn: '2026-10-15' }, { name: 'dauPct', value: 40, changedOn: '2026-10-20' }],
      defaults: DEFAULT_SETTINGS,
      today: '2026-11-18',
    });
    expect(iarr.points).toEqual([
      { label: '2026-09-07', value: 0, threshold: 250_000 },
      { label: '2026-10-01', value: 150_000, threshold: 250_000 },
      { label: '2026-10-15', value: 150_000, threshold: 180_000 },
      { label: '2026-11-03', value: 200_000, threshold: 180_000 },
      { label: '2026-11-18', value: 200_000, threshold: 180_000 },
    ]);
    expect(iarr.changes).toEqual(['2026-10-15']);
  });

  it('gives one booking without snapshots a line to today, and nothing without any', () => {
    const input = { snapshots: [], changes: [], defaults: DEFAULT_SETTINGS, today: '2026-11-18' };
    expect(customerTrends({ ...input, ledger: [{ bookedOn: '2026-11-02', runningTotal: 90_000 }] }).iarr.points).toEqual([
      { label: '2026-11-02', value: 90_000, threshold: 250_000 },
      { label: '2026-11-18', value: 90_000, threshold: 250_000 },
    ]);
    expect(customerTrends({ ...input, ledger: [] }).iarr.points).toEqual([]);
  });
});
