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
      forecast: [],
      thresholds: DEFAULT_SETTINGS,
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
    const input = { snapshots: [], changes: [], defaults: DEFAULT_SETTINGS, today: '2026-11-18', forecast: [], thresholds: DEFAULT_SETTINGS };
    expect(customerTrends({ ...input, ledger: [{ bookedOn: '2026-11-02', runningTotal: 90_000 }] }).iarr.points).toEqual([
      { label: '2026-11-02', value: 90_000, threshold: 250_000 },
      { label: '2026-11-18', value: 90_000, threshold: 250_000 },
    ]);
    expect(customerTrends({ ...input, ledger: [] }).iarr.points).toEqual([]);
  });
});

describe('the projection of a failing percentage', () => {
  const input = {
    snapshots: [snapshot('2026-11-02'), snapshot('2026-11-09'), snapshot('2026-11-16')],
    ledger: [], changes: [], defaults: DEFAULT_SETTINGS, today: '2026-11-18',
  };

  it("carries each forecast entry to its metric's trend with the threshold in force now", () => {
    const trends = customerTrends({
      ...input,
      forecast: [{ customer: 'acme', metric: 'dau', projectedWeek: '2027-01-25' }, { customer: 'acme', metric: 'acceptance', projectedWeek: null }],
      thresholds: { acceptancePct: 33, dauPct: 55 },
    });
    expect(trends.dau.projection).toEqual({ week: '2027-01-25', threshold: 55 });
    expect(trends.acceptance.projection).toEqual({ week: null, threshold: 33 });
    expect(trends.iarr.projection).toBeNull();
  });

  it('gives no projection to a metric the forecast does not list', () => {
    const trends = customerTrends({ ...input, forecast: [], thresholds: DEFAULT_SETTINGS });
    expect([trends.acceptance.projection, trends.dau.projection]).toEqual([null, null]);
  });
});
