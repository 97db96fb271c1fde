import { Link, useFetcher, useSearchParams } from '@remix-run/react';
import { lazy, useDeferredValue, useEffect } from 'react';
import { ChartTable } from '../charts/chart-table';
import { ClientOnlyChart } from '../charts/client-only-chart';
import type { TrendPoint } from '../charts/trend-chart';
import type { Projection, TrendTable } from '~/domain/customer-trends';
import { formatPct, formatUsd } from '~/domain/format';
import type { loader as trendsLoader } from '~/routes/customers.$slug_.trends';

const TrendChart = lazy(() => import('../charts/trend-chart'));

const HEIGHT = 240;

export type CustomerTrends = { acceptance: TrendTable; dau: TrendTable; iarr: TrendTable };

/** The gate forecast of a failing metric, in words for every reader (the dashed line is for those who see the chart). */
function describeProjection({ week, threshold }: Projection, valueName: string, format: (value: number) => string) {
  return week
    ? `Dashed: at the trend of the last 8 weeks, ${valueName} reaches the ${format(threshold)} threshold in the week of ${week}.`
    : `At the trend of the last 8 weeks, ${valueName} is not on course to reach the ${format(threshold)} threshold within a year.`;
}

function Trend({ title, valueName, trend, series, format, stepped }: {
  title: string;
  valueName: string;
  trend: TrendTable;
  /** The whole series, once the browser has fetched it. */
  series: TrendPoint[] | undefined;
  format: (value: number) => string;
  stepped?: boolean;
}) {
  const [searchParams] = useSearchParams();
  const everyWeek = new URLSearchParams(searchParams);
  everyWeek.set('weeks', 'all');
  return (
    <section className="trend" aria-label={title}>
      <h3>{title}</h3>
      {trend.total === 0 ? (
        <p className="notice">Nothing recorded yet.</p>
      ) : (
        <>
          <ClientOnlyChart height={HEIGHT} label={`${title} chart`}>
            {(width) =>
              series ? (
                <TrendChart
                  points={series} valueName={valueName} changes={trend.changes} format={format} width={width} height={HEIGHT} stepped={stepped}
                  projection={trend.projection?.week ? { label: trend.projection.week, threshold: trend.projection.threshold } : undefined}
                />
              ) : null
            }
          </ClientOnlyChart>
          {trend.projection ? <p className="notice projection">{describeProjection(trend.projection, valueName, format)}</p> : null}
          {trend.changes.length > 0 ? (
            <p className="notice">{`Dotted lines: the threshold changed on ${trend.changes.join(', ')}.`}</p>
          ) : null}
          <ChartTable
            caption={trend.total > trend.rows.length ? `${title}, the latest ${trend.rows.length} of ${trend.total}` : title}
            columns={['Date', valueName, 'Threshold']}
            rows={trend.rows.map((point) => [point.label, point.value === null ? '—' : format(point.value), format(point.threshold)])}
          >
            {trend.total > trend.rows.length ? (
              <Link to={`?${everyWeek}`} preventScrollReset>{`All ${trend.total}`}</Link>
            ) : null}
          </ChartTable>
        </>
      )}
    </section>
  );
}

const percent = (value: number) => formatPct(value);

/**
 * The customer's three success metrics over time, each against its threshold. The page carries what the tables
 * show; the charts' whole series come from GET /customers/:slug/trends once the page runs in a browser, and again
 * when the page's data is revalidated after a change.
 */
export function TrendCharts({ slug, trends }: { slug: string; trends: CustomerTrends }) {
  const fetcher = useFetcher<typeof trendsLoader>();
  const { load } = fetcher;
  useEffect(() => {
    load(`/customers/${slug}/trends`);
  }, [load, slug]);
  // Drawn at low priority, in slices, when the series arrive.
  const series = useDeferredValue(fetcher.data);
  return (
    <div className="trends">
      <Trend title="Completions accepted" valueName="Accepted %" trend={trends.acceptance} series={series?.acceptance} format={percent} />
      <Trend title="DAU over available developers" valueName="DAU %" trend={trends.dau} series={series?.dau} format={percent} />
      <Trend title="iARR realized (cumulative)" valueName="iARR" trend={trends.iarr} series={series?.iarr} format={formatUsd} stepped />
    </div>
  );
}
