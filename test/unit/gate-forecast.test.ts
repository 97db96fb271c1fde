import { describe, expect, it } from 'vitest';
import { assessCustomerHealth, type Snapshot } from '~/domain/customer-health';
import { addDays } from '~/domain/dates';
import { describeForecast } from '~/domain/describe-gate-reason';
import { forecastGate } from '~/domain/gate-forecast';
import { computeIntakeGate } from '~/domain/intake-gate';
import { ceil, fromDecimal, rational } from '~/domain/rational';
import { DEFAULT_SETTINGS } from '~/domain/settings';

// The latest week is 2026-11-16 (today 2026-11-18); thresholds: acceptance 30 %, DAU 50 %.
const LATEST = '2026-11-16';
const TODAY = '2026-11-18';

/** Weekly snapshots ending with the latest week: acceptance % (of 1,000 shown) and DAU % (of 1,000 developers). */
function weeks(acceptance: (number | null)[], dau?: number[]): Snapshot[] {
  return acceptance.map((pct, index) => ({
    weekStart: addDays(LATEST, -7 * (acceptance.length - 1 - index)),
    completionsShown: pct === null ? 0 : 1000,
    completionsAccepted: pct === null ? 0 : pct * 10,
    dau: (dau?.[index] ?? 60) * 10,
    availableDevelopers: 1000,
  }));
}

function forecast(partners: { slug: string; snapshots: Snapshot[]; iarrUsd?: number }[], settings = DEFAULT_SETTINGS) {
  const assessed = partners.map((partner) => ({
    slug: partner.slug,
    snapshots: partner.snapshots,
    health: assessCustomerHealth({ snapshot: partner.snapshots.at(-1) ?? null, realizedIarrUsd: partner.iarrUsd ?? 300_000, settings, today: TODAY }),
  }));
  return forecastGate(computeIntakeGate(assessed, settings), assessed, settings);
}
const acceptanceWeek = (acceptance: (number | null)[], settings = DEFAULT_SETTINGS) =>
  forecast([{ slug: 'acme', snapshots: weeks(acceptance) }], settings)?.partners[0]?.projectedWeek;

describe('projected week of one failing metric', () => {
  it.each([
    ['2 points', [20, 25], null],
    ['3 points rising 5 a week: 30 % in 1 week', [20, 25, 29], addDays(LATEST, 7)],
    ['flat', [20, 20, 20], null],
    ['falling', [25, 22, 20], null],
    ['the line reaches 30 % exactly 2 weeks on', [18, 21, 24], addDays(LATEST, 14)],
    // a = 18 1/6, b = 2.5: 30 % at x = 4 11/15, 2.73 weeks after the latest: the third week on.
    ['between whole weeks: the next whole one', [18, 21, 23], addDays(LATEST, 21)],
    ['a line already past the threshold still waits a week', [10, 29, 28.9], addDays(LATEST, 7)],
    ['points older than 7 weeks are left out', [1, 1, 1, 24, 26, 28], addDays(LATEST, 7)],
    ['weeks with no completions shown are left out of acceptance', [20, null, 25, 28], addDays(LATEST, 7)],
    ['0.1 % a week from 28 %: 20 weeks on', [27.8, 27.9, 28], addDays(LATEST, 140)],
  ])('%s', (_name, acceptance, week) => {
    expect(acceptanceWeek(acceptance as (number | null)[])).toBe(week);
  });

  it('keeps exactly 52 weeks and drops 53', () => {
    // 0.1 % a week, latest 24.8: 30 % is 52 weeks on, 30.1 % is 53.
    const line = [24.6, 24.7, 24.8];
    expect(acceptanceWeek(line, { ...DEFAULT_SETTINGS, acceptancePct: 30 })).toBe(addDays(LATEST, 364));
    expect(acceptanceWeek(line, { ...DEFAULT_SETTINGS, acceptancePct: 30.1 })).toBeNull();
  });

  it('fits DAU the same way', () => {
    const result = forecast([{ slug: 'acme', snapshots: weeks([40, 40, 40], [40, 44, 48]) }]);
    expect(result!.partners).toEqual([{ customer: 'acme', metric: 'dau', projectedWeek: addDays(LATEST, 7) }]);
  });
});

describe('the gate forecast', () => {
  it('is null while the gate is open', () => {
    expect(forecast([{ slug: 'acme', snapshots: weeks([40, 41, 42]) }])).toBeNull();
  });

  it('opens in the latest projected week when every reason is a projected shortfall', () => {
    const result = forecast([
      { slug: 'acme', snapshots: weeks([20, 25, 29]) },
      { slug: 'zenith', snapshots: weeks([40, 40, 40], [40, 44, 46]) },
    ]);
    expect(result).toEqual({
      opensWeek: addDays(LATEST, 14),
      partners: [
        { customer: 'acme', metric: 'acceptance', projectedWeek: addDays(LATEST, 7) },
        { customer: 'zenith', metric: 'dau', projectedWeek: addDays(LATEST, 14) },
      ],
    });
  });

  it.each([
    ['a shortfall not on track', [{ slug: 'acme', snapshots: weeks([20, 25, 29]) }, { slug: 'zenith', snapshots: weeks([25, 25, 25]) }]],
    ['an iARR shortfall', [{ slug: 'acme', snapshots: weeks([20, 25, 29]), iarrUsd: 10 }]],
    ['a stale partner, which is not listed', [{ slug: 'acme', snapshots: weeks([20, 25, 29]) }, { slug: 'old', snapshots: weeks([20, 25, 29]).map((s) => ({ ...s, weekStart: addDays(s.weekStart, -28) })) }]],
    ['a partner with no data', [{ slug: 'acme', snapshots: weeks([20, 25, 29]) }, { slug: 'new', snapshots: [] }]],
    ['capacity reached', [1, 2, 3].map((index) => ({ slug: `p${index}`, snapshots: weeks([20, 25, 29]) }))],
  ])('cannot say when it opens with %s', (_name, partners) => {
    const result = forecast(partners);
    expect(result!.opensWeek).toBeNull();
    expect(result!.partners.map((partner) => partner.customer)).not.toContain('old');
    expect(result!.partners.map((partner) => partner.customer)).not.toContain('new');
  });
});

describe('exact fractions', () => {
  it('reads decimals exactly and rounds up to whole numbers', () => {
    expect(fromDecimal(30.5)).toEqual(rational(61, 2));
    expect(fromDecimal(1e-7)).toEqual(rational(1, 10_000_000));
    expect(fromDecimal(0)).toEqual(rational(0));
    expect([ceil(rational(5, 2)), ceil(rational(-5, 2)), ceil(rational(4, 2))]).toEqual([3n, -2n, 2n]);
  });
});

describe('the forecast in words', () => {
  const names = { acme: { name: 'Acme', latestWeek: LATEST }, zenith: { name: 'Zenith', latestWeek: LATEST } };
  const thresholds = { acceptancePct: 30, dauPct: 50 };

  it('gives the week the gate opens, or what stands in the way', () => {
    const onCourse = forecast([{ slug: 'acme', snapshots: weeks([20, 25, 29]) }])!;
    const reasons = [{ kind: 'below_threshold', customer: 'acme', metric: 'acceptance', value: 29, threshold: 30 }] as const;
    expect(describeForecast(onCourse, [...reasons], names, thresholds)).toBe(`At current trends the gate opens in the week of ${addDays(LATEST, 7)}.`);
    const blocked = forecast([{ slug: 'acme', snapshots: weeks([20, 25, 29]) }, { slug: 'zenith', snapshots: weeks([29, 28, 27]), iarrUsd: 0 }])!;
    expect(describeForecast(blocked, [
      ...reasons,
      { kind: 'below_threshold', customer: 'zenith', metric: 'acceptance', value: 27, threshold: 30 },
      { kind: 'below_threshold', customer: 'zenith', metric: 'iarr', value: 0, threshold: 250_000 },
    ], names, thresholds)).toBe(
      "At current trends the gate does not open by itself: Zenith's acceptance is not on course to reach 30 % within a year; Zenith: iARR $0 < $250,000.",
    );
  });
});
