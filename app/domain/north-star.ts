export const OTHER_PARTNERS = '__other';

type Week = { weekStart: string; totalDau: number; byCustomer: Record<string, number> };

/**
 * The north-star series with the `keep` partners of most DAU in the latest week shown by name and the rest
 * summed as one: a stack of dozens of partners is unreadable.
 */
export function groupSmallPartners<W extends Week>(weeks: W[], keep: number): { weeks: W[]; shown: string[] } {
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

type ReportingWeek = Week & { expected: number; reported: number };

/** A week in which a partner due to report has not yet: its total is not comparable with a complete week's. */
export function isPartialWeek(week: { expected: number; reported: number }): boolean {
  return week.reported < week.expected;
}

export type NorthStarHeadline = {
  week: ReportingWeek;
  /** DAU change from the week before over the partners that reported in both weeks; null when none did. */
  change: number | null;
  comparedPartners: number;
};

/**
 * The latest week with DAU and how it moved from the week before. The move is taken over the partners that reported
 * in both weeks, so that a partner yet to report does not read as a fall.
 */
export function northStarHeadline(weeks: ReportingWeek[]): NorthStarHeadline | null {
  const index = weeks.findLastIndex((week) => week.totalDau > 0);
  if (index < 0) return null;
  const week = weeks[index]!;
  const previous = weeks[index - 1];
  const both = Object.keys(week.byCustomer).filter((slug) => previous && slug in previous.byCustomer);
  const sum = (of: Week) => both.reduce((total, slug) => total + of.byCustomer[slug]!, 0);
  return { week, change: previous && both.length > 0 ? sum(week) - sum(previous) : null, comparedPartners: both.length };
}
