import { describe, expect, it } from 'vitest';
import { groupSmallPartners, isPartialWeek, northStarHeadline, OTHER_PARTNERS } from '~/domain/north-star';

const week = (weekStart: string, byCustomer: Record<string, number>) => ({
  weekStart, byCustomer, totalDau: Object.values(byCustomer).reduce((sum, dau) => sum + dau, 0),
});

describe('groupSmallPartners', () => {
  it('keeps the partners of most DAU in the latest week and sums the others, totals unchanged', () => {
    const weeks = [week('2026-11-02', { a: 5, b: 50, c: 7, d: 1 }), week('2026-11-09', { a: 40, b: 30, c: 2, d: 3 }), week('2026-11-16', {})];
    const grouped = groupSmallPartners(weeks, 2);
    expect(grouped.shown).toEqual(['a', 'b']);
    expect(grouped.weeks[0]!.byCustomer).toEqual({ a: 5, b: 50, [OTHER_PARTNERS]: 8 });
    expect(grouped.weeks[1]!.byCustomer).toEqual({ a: 40, b: 30, [OTHER_PARTNERS]: 5 });
    expect(grouped.weeks.map((w) => w.totalDau)).toEqual(weeks.map((w) => w.totalDau));
  });

  it('leaves a short list alone', () => {
    const weeks = [week('2026-11-09', { a: 1, b: 2 })];
    expect(groupSmallPartners(weeks, 7)).toEqual({ weeks, shown: ['a', 'b'] });
  });
});

describe('northStarHeadline', () => {
  const due = (weekStart: string, byCustomer: Record<string, number>, expected: number) => ({
    ...week(weekStart, byCustomer), expected, reported: Object.keys(byCustomer).length,
  });

  it('compares the latest week with the one before over the partners that reported in both', () => {
    // b has not reported this week: the total falls by 446, the partners that did report rose by 10.
    const weeks = [due('2026-11-02', { a: 1790, b: 456 }, 2), due('2026-11-09', { a: 1800 }, 2), due('2026-11-16', {}, 2)];
    const headline = northStarHeadline(weeks)!;
    expect(headline.week.weekStart).toBe('2026-11-09');
    expect(isPartialWeek(headline.week)).toBe(true);
    expect(headline).toMatchObject({ change: 10, comparedPartners: 1 });
  });

  it('has no change when no partner reported in both weeks, and no headline without DAU', () => {
    expect(northStarHeadline([due('2026-11-02', { a: 5 }, 2), due('2026-11-09', { b: 7 }, 2)])).toMatchObject({ change: null, comparedPartners: 0 });
    expect(northStarHeadline([due('2026-11-09', { b: 7 }, 1)])).toMatchObject({ change: null });
    expect(northStarHeadline([due('2026-11-09', {}, 1)])).toBeNull();
  });

  it('calls a week complete when every partner due has reported', () => {
    expect(isPartialWeek({ expected: 2, reported: 2 })).toBe(false);
    expect(isPartialWeek({ expected: 0, reported: 0 })).toBe(false);
    expect(isPartialWeek({ expected: 3, reported: 2 })).toBe(true);
  });
});
