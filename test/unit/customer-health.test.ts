import { describe, expect, it } from 'vitest';
import { assessCustomerHealth, isFresh, meetsPercent, type Snapshot } from '~/domain/customer-health';
import { DEFAULT_SETTINGS } from '~/domain/settings';

const TODAY = '2026-11-18'; // a Wednesday; its week starts 2026-11-16

function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return { weekStart: '2026-11-09', completionsShown: 1000, completionsAccepted: 400, dau: 60, availableDevelopers: 100, ...overrides };
}

function assess(overrides: Partial<Snapshot> | null, realizedIarrUsd = 300_000, settings = DEFAULT_SETTINGS) {
  return assessCustomerHealth({ snapshot: overrides === null ? null : snapshot(overrides), realizedIarrUsd, settings, today: TODAY });
}

describe('meetsPercent', () => {
  it.each([
    [57, 100, 57, true],
    [5699, 10000, 57, false],
    [2999, 10000, 30, false],
    [3000, 10000, 30, true],
    [1, 3, 33.33, true],
    [1, 3, 33.34, false],
    [0, 5, 0, true],
    [5, 5, 100, true],
  ])('%i of %i against %s %% is %s', (part, whole, threshold, expected) => {
    expect(meetsPercent(part, whole, threshold)).toBe(expected);
  });
});

describe('isFresh', () => {
  it.each([
    ['2026-11-16', '2026-11-16', true], // this week
    ['2026-11-02', '2026-11-16', true], // two weeks before, seen on a Monday
    ['2026-11-02', '2026-11-22', true], // … and on the Sunday: the same on every day of the week
    ['2026-10-26', '2026-11-16', false], // three weeks before
  ])('week %s at %s is fresh: %s', (weekStart, today, expected) => {
    expect(isFresh(weekStart, today, 14)).toBe(expected);
  });

  it('counts a week fresh exactly at the stale window edge and stale one day past it', () => {
    // week 2026-11-02 ends 2026-11-08; with D = 2026-11-22, D − 14 = 2026-11-08: fresh. D = 2026-11-23: stale.
    expect(isFresh('2026-11-02', '2026-11-22', 14)).toBe(true);
    expect(isFresh('2026-11-02', '2026-11-23', 14)).toBe(false);
  });
});

describe('assessCustomerHealth', () => {
  it('is succeeding when all three metrics meet their thresholds on a fresh snapshot', () => {
    expect(assess({})).toMatchObject({ status: 'succeeding', acceptancePct: 40, dauPct: 60, fresh: true });
  });

  it('meets a threshold at exactly the value and not just below it', () => {
    expect(assess({ completionsAccepted: 300 }).status).toBe('succeeding');
    expect(assess({ completionsShown: 10000, completionsAccepted: 2999 })).toMatchObject({
      status: 'at_risk', meets: { acceptance: false, dau: true, iarr: true },
    });
    expect(assess({ dau: 50 }).status).toBe('succeeding');
    expect(assess({ dau: 49 }).meets.dau).toBe(false);
  });

  it('meets the iARR threshold at exactly the amount', () => {
    expect(assess({}, 250_000).status).toBe('succeeding');
    expect(assess({}, 249_999)).toMatchObject({ status: 'at_risk', meets: { iarr: false } });
  });

  it('treats DAU equal to available developers as 100 %', () => {
    expect(assess({ dau: 100 })).toMatchObject({ dauPct: 100, meets: { dau: true } });
  });

  it('has no data without a snapshot, with a stale one, or when no completions were shown', () => {
    expect(assess(null)).toMatchObject({ status: 'no_data', snapshotWeek: null, meets: { iarr: true } });
    expect(assess({ weekStart: '2026-10-26' })).toMatchObject({ status: 'no_data', fresh: false, snapshotWeek: '2026-10-26' });
    expect(assess({ completionsShown: 0, completionsAccepted: 0 })).toMatchObject({
      status: 'no_data', acceptancePct: null, meets: { acceptance: null },
    });
  });

  it('follows changed thresholds', () => {
    const stricter = { ...DEFAULT_SETTINGS, acceptancePct: 40.01 };
    expect(assess({}, 300_000, stricter).status).toBe('at_risk');
    const shorterWindow = { ...DEFAULT_SETTINGS, staleWindowDays: 7 };
    expect(assess({ weekStart: '2026-11-02' }, 300_000, shorterWindow).status).toBe('no_data');
  });
});
