export const OTHER_PARTNERS = '__other';

type Week = { weekStart: string; totalDau: number; byCustomer: Record<string, number> };

/**
 * The north-star series with the `keep` partners of most DAU in the latest week shown by name and the rest
 * summed as one: a stack of dozens of partners is unreadable.
 */
export function groupSmallPartners(weeks: Week[], keep: number): { weeks: Week[]; shown: string[] } {
  const latest = [...weeks].reverse().find((week) => week.totalDau > 0);
  const ranked = Object.entries(latest?.byCustomer ?? {}).sort(([, a], [, b]) => b - a).map(([slug]) => slug);
  const everyone = new Set(weeks.flatMap((week) => Object.keys(week.byCustomer)));
  if (everyone.size <= keep) return { weeks, shown: [...everyone] };
  const shown = ranked.slice(0, keep);
  return {
    shown,
    weeks: weeks.map((week) => {
      const byCustomer: Record<string, number> = {};
      let other = 0;
      for (const [slug, dau] of Object.entries(week.byCustomer)) {
        if (shown.includes(slug)) byCustomer[slug] = dau;
        else other += dau;
      }
      if (other > 0) byCustomer[OTHER_PARTNERS] = other;
      return { ...week, byCustomer };
    }),
  };
}
