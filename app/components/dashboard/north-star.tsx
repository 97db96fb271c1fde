import { lazy } from 'react';
import { ChartTable } from '../charts/chart-table';
import { ClientOnlyChart } from '../charts/client-only-chart';
import { formatCount } from '../format';

const NorthStarChart = lazy(() => import('../charts/north-star-chart'));

const HEIGHT = 280;

type Week = { weekStart: string; totalDau: number; byCustomer: Record<string, number> };

/** The north star: Cody DAU across strategic partners by week, with the latest week-over-week change. */
export function NorthStar({ weeks, partners }: { weeks: Week[]; partners: { slug: string; name: string }[] }) {
  const withData = weeks.filter((week) => week.totalDau > 0);
  const [previous, latest] = withData.slice(-2);
  const change = latest && previous ? latest.totalDau - previous.totalDau : null;
  return (
    <section className="card" aria-labelledby="north-star-title">
      <h2 id="north-star-title">North star: Cody DAU across strategic partners</h2>
      <p>
        {latest
          ? `${formatCount(latest.totalDau)} DAU in the week of ${latest.weekStart}${
              change === null ? '' : `, ${change >= 0 ? 'up' : 'down'} ${formatCount(Math.abs(change))} from the week before`
            }.`
          : 'No DAU recorded yet.'}
      </p>
      <ClientOnlyChart height={HEIGHT} label="North star chart">
        {() => <NorthStarChart weeks={weeks} partners={partners} height={HEIGHT} />}
      </ClientOnlyChart>
      <ChartTable
        caption="DAU by week"
        columns={['Week of', 'Total DAU', ...partners.map((partner) => partner.name)]}
        rows={weeks.map((week) => [week.weekStart, week.totalDau, ...partners.map((partner) => week.byCustomer[partner.slug] ?? 0)])}
      />
    </section>
  );
}
