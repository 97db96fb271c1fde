import { describe, expect, it } from 'vitest';
import { groupSmallPartners, OTHER_PARTNERS } from '~/domain/north-star';

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
