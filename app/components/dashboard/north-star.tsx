import { lazy } from 'react';
import { isPartialWeek, type NorthStarHeadline } from '~/domain/north-star';
import { ChartTable } from '../charts/chart-table';
import { ClientOnlyChart } from '../charts/client-only-chart';
import { countOf, formatCount } from '~/domain/format';

const NorthStarChart = lazy(() => import('../charts/north-star-chart'));

const HEIGHT = 280;

type Week = { weekStart: string; totalDau: number; byCustomer: Record<string, number>; expected: number; reported: number };

const reportedWords = (week: Week) => `${week.reported} of ${countOf(week.expected, 'partner')} reported`;

/** The headline: the latest week's DAU, whether every partner has reported, and its move over the same partners. */
function headlineText(headline: NorthStarHeadline | null): string {
  if (!headline) return 'No DAU recorded yet.';
  const { week, change, comparedPartners } = headline;
  const partial = isPartialWeek(week);
  const total = `${formatCount(week.totalDau)} DAU in the week of ${week.weekStart}${partial ? ` (partial: ${reportedWords(week)})` : ''}.`;
  if (change === null) return total;
  const direction = change === 0 ? 'unchanged' : `${change > 0 ? 'up' : 'down'} ${formatCount(Math.abs(change))}`;
  const over = partial || comparedPartners < week.reported ? ` for the ${countOf(comparedPartners, 'partner')} that reported both weeks` : '';
  return `${total} ${direction[0]!.toUpperCase()}${direction.slice(1)} from the week before${over}.`;
}

/** The north star: Cody DAU across strategic partners by week, partial weeks marked, with the latest move. */
export function NorthStar({ weeks, partners, headline }: { weeks: Week[]; partners: { slug: string; name: string }[]; headline: NorthStarHeadline | null }) {
  return (
    <section className="card" aria-labelledby="north-star-title">
      <h2 id="north-star-title">North star: Cody DAU across strategic partners</h2>
      <p>{headlineText(headline)}</p>
      <ClientOnlyChart height={HEIGHT} label="North star chart">
        {(width) => <NorthStarChart weeks={weeks} partners={partners} width={width} height={HEIGHT} />}
      </ClientOnlyChart>
      {weeks.some(isPartialWeek) ? <p className="notice">Paler bars are partial weeks: a partner has not reported yet.</p> : null}
      <ChartTable
        caption="DAU by week"
        columns={['Week of', 'Total DAU', 'Partners reported', ...partners.map((partner) => partner.name)]}
        rows={weeks.map((week) => [
          week.weekStart,
          week.totalDau,
          `${week.reported} of ${week.expected}${isPartialWeek(week) ? ' (partial)' : ''}`,
          ...partners.map((partner) => week.byCustomer[partner.slug] ?? 0),
        ])}
      />
    </section>
  );
}
