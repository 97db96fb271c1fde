import { describe, expect, it } from 'vitest';
import { assessCustomerHealth, type Snapshot } from '~/domain/customer-health';
import { computeIntakeGate } from '~/domain/intake-gate';
import { DEFAULT_SETTINGS, type Settings } from '~/domain/settings';

const TODAY = '2026-11-18';

function partner(slug: string, snapshot: Partial<Snapshot> | null, iarrUsd = 300_000, settings: Settings = DEFAULT_SETTINGS) {
  const full = snapshot && {
    weekStart: '2026-11-09', completionsShown: 10_000, completionsAccepted: 4_000, dau: 60, availableDevelopers: 100, ...snapshot,
  };
  return { slug, health: assessCustomerHealth({ snapshot: full, realizedIarrUsd: iarrUsd, settings, today: TODAY }) };
}

function gate(partners: ReturnType<typeof partner>[], settings: Settings = DEFAULT_SETTINGS) {
  return computeIntakeGate(partners, settings);
}

describe('computeIntakeGate', () => {
  it('is open with no active partners', () => {
    expect(gate([], { ...DEFAULT_SETTINGS, capacity: 1 })).toEqual({ open: true, activePartners: 0, capacity: 1, reasons: [] });
  });

  it('is open below capacity when every partner succeeds, values exactly at the thresholds included', () => {
    const atThresholds = partner('edge', { completionsAccepted: 3_000, dau: 50 }, 250_000);
    expect(gate([partner('a', {}), atThresholds])).toMatchObject({ open: true, reasons: [] });
  });

  it('closes just below each threshold, naming customer, metric, value and threshold', () => {
    const result = gate([partner('low', { completionsAccepted: 2_999, dau: 49 }, 249_999)]);
    expect(result.open).toBe(false);
    expect(result.reasons).toEqual([
      { kind: 'below_threshold', customer: 'low', metric: 'acceptance', value: 29.99, threshold: 30 },
      { kind: 'below_threshold', customer: 'low', metric: 'dau', value: 49, threshold: 50 },
      { kind: 'below_threshold', customer: 'low', metric: 'iarr', value: 249_999, threshold: 250_000 },
    ]);
  });

  it('counts DAU equal to available developers as meeting', () => {
    expect(gate([partner('all', { dau: 100 })]).open).toBe(true);
  });

  it('closes on capacity reached even when every partner succeeds', () => {
    const result = gate([partner('a', {}), partner('b', {}), partner('c', {})]);
    expect(result).toMatchObject({ open: false, activePartners: 3, reasons: [{ kind: 'capacity', active: 3, capacity: 3 }] });
  });

  it('gives no_data with lastWeek null for a partner without snapshots, and still checks its iARR', () => {
    expect(gate([partner('new', null, 10)]).reasons).toEqual([
      { kind: 'no_data', customer: 'new', lastWeek: null },
      { kind: 'below_threshold', customer: 'new', metric: 'iarr', value: 10, threshold: 250_000 },
    ]);
  });

  it('is fresh exactly at the stale window edge and stale one day past it', () => {
    // Window 14: week 2026-11-02 ends 2026-11-08, which is D − 14 for D = 2026-11-22 and one day short for 2026-11-23.
    const settings = { ...DEFAULT_SETTINGS };
    const edge = { slug: 'edge', health: assessCustomerHealth({ snapshot: { weekStart: '2026-11-02', completionsShown: 10, completionsAccepted: 5, dau: 60, availableDevelopers: 100 }, realizedIarrUsd: 300_000, settings, today: '2026-11-22' }) };
    expect(gate([edge]).open).toBe(true);
    const past = { slug: 'past', health: assessCustomerHealth({ snapshot: { weekStart: '2026-11-02', completionsShown: 10, completionsAccepted: 5, dau: 60, availableDevelopers: 100 }, realizedIarrUsd: 300_000, settings, today: '2026-11-23' }) };
    expect(gate([past]).reasons).toEqual([{ kind: 'stale', customer: 'past', lastWeek: '2026-11-02' }]);
  });

  it('gives a stale partner no acceptance or DAU reason, but still judges its iARR', () => {
    expect(gate([partner('old', { weekStart: '2026-10-26', completionsAccepted: 1, dau: 1 }, 5)]).reasons).toEqual([
      { kind: 'stale', customer: 'old', lastWeek: '2026-10-26' },
      { kind: 'below_threshold', customer: 'old', metric: 'iarr', value: 5, threshold: 250_000 },
    ]);
  });

  it('gives no_data with its week when no completions were shown, and no DAU reason', () => {
    expect(gate([partner('quiet', { completionsShown: 0, completionsAccepted: 0, dau: 1 })]).reasons).toEqual([
      { kind: 'no_data', customer: 'quiet', lastWeek: '2026-11-09' },
    ]);
  });

  it('follows threshold changes: the same partner closes the gate under stricter thresholds', () => {
    const stricter = { ...DEFAULT_SETTINGS, dauPct: 60.5 };
    expect(gate([partner('a', {}, 300_000, stricter)], stricter).reasons).toEqual([
      { kind: 'below_threshold', customer: 'a', metric: 'dau', value: 60, threshold: 60.5 },
    ]);
    const roomier = { ...DEFAULT_SETTINGS, capacity: 4 };
    expect(gate([partner('a', {}), partner('b', {}), partner('c', {})], roomier).open).toBe(true);
  });
});
