import { lazy } from 'react';
import { ChartTable } from '../charts/chart-table';
import { ClientOnlyChart } from '../charts/client-only-chart';
import type { TrendPoint } from '../charts/trend-chart';
import type { Projection } from '~/domain/customer-trends';
import { formatPct, formatUsd } from '~/domain/format';

const TrendChart = lazy(() => import('../charts/trend-chart'));

const HEIGHT = 240;

export type CustomerTrends = {
  acceptance: { points: TrendPoint[]; changes: string[]; projection: Projection | null };
  dau: { points: TrendPoint[]; changes: string[]; projection: Projection | null };
  iarr: { points: TrendPoint[]; changes: string[]; projection: Projection | null };
};

/** The gate forecast of a failing metric, in words for every reader (the dashed line is for those who see the chart). */
function describeProjection({ week, threshold }: Projection, valueName: string, format: (value: number) => string) {
  return week
    ? `Dashed: at the trend of the last 8 weeks, ${valueName} reaches the ${format(threshold)} threshold in the week of ${week}.`
    : `At the trend of the last 8 weeks, ${valueName} is not on course to reach the ${format(threshold)} threshold within a year.`;
}

function Trend({ title, valueName, trend, format, stepped }: {
  title: string;
  valueName: string;
  trend: CustomerTrends['acceptance'];
  format: (value: number) => string;
  stepped?: boolean;
}) {
  return (
    <section className="trend" aria-label={title}>
      <h3>{title}</h3>
      {trend.points.length === 0 ? (
        <p className="notice">Nothing recorded yet.</p>
      ) : (
        <>
          <ClientOnlyChart height={HEIGHT} label={`${title} chart`}>
            {() => (
              <TrendChart
                points={trend.points} valueName={valueName} changes={trend.changes} format={format} height={HEIGHT} stepped={stepped}
                projection={trend.projection?.week ? { label: trend.projection.week, threshold: trend.projection.threshold } : undefined}
              />
            )}
          </ClientOnlyChart>
          {trend.projection ? <p className="notice projection">{describeProjection(trend.projection, valueName, format)}</p> : null}
          {trend.changes.length > 0 ? (
            <p className="notice">{`Dotted lines: the threshold changed on ${trend.changes.join(', ')}.`}</p>
          ) : null}
          <ChartTable
            caption={title}
            columns={['Date', valueName, 'Threshold']}
            rows={trend.points.map((point) => [point.label, point.value === null ? '—' : format(point.value), format(point.threshold)])}
          />
        </>
      )}
    </section>
  );
}

const percent = (value: number) => formatPct(value);

/** The customer's three success metrics over time, each against its threshold. */
export function TrendCharts({ trends }: { trends: CustomerTrends }) {
  return (
    <div className="trends">
      <Trend title="Completions accepted" valueName="Accepted %" trend={trends.acceptance} format={percent} />
      <Trend title="DAU over available developers" valueName="DAU %" trend={trends.dau} format={percent} />
      <Trend title="iARR realized (cumulative)" valueName="iARR" trend={trends.iarr} format={formatUsd} stepped />
    </div>
  );
}
