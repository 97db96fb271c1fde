import { Link, useFetcher, useSearchParams } from '@remix-run/react';
import { lazy, useDeferredValue, useState } from 'react';
import { ChartTable } from '../charts/chart-table';
import { ClientOnlyChart } from '../charts/client-only-chart';
import type { TrendPoint } from '../charts/trend-chart';
import { TrendSketch, type Sketch } from '../charts/trend-sketch';
import type { Projection, TrendTable } from '~/domain/customer-trends';
import { formatPct, formatUsd } from '~/domain/format';
import type { loader as trendsLoader } from '~/routes/customers.$slug_.trends';

const TrendChart = lazy(() => import('../charts/trend-chart'));

const HEIGHT = 240;

/** A trend's table and its drawing. */
export type TrendView = TrendTable & { sketch: Sketch };
export type CustomerTrends = { acceptance: TrendView; dau: TrendView; iarr: TrendView };

/** The gate forecast of a failing metric, in words for every reader (the dashed line is for those who see the chart). */
function describeProjection({ week, threshold }: Projection, valueName: string, format: (value: number) => string) {
  return week
    ? `Dashed: at the trend of the last 8 weeks, ${valueName} reaches the ${format(threshold)} threshold in the week of ${week}.`
    : `At the trend of the last 8 weeks, ${valueName} is not on course to reach the ${format(threshold)} threshold within a year.`;
}

function Trend({ title, valueName, trend, series, explore, format, stepped }: {
  title: string;
  valueName: string;
  trend: TrendView;
  /** The whole series, once the browser has fetched it. */
  series: TrendPoint[] | undefined;
  /** Asks for the whole series. */
  explore: () => void;
  format: (value: number) => string;
  stepped?: boolean;
}) {
  const [exploring, setExploring] = useState(false);
  const [searchParams] = useSearchParams();
  const everyWeek = new URLSearchParams(searchParams);
  everyWeek.set('weeks', 'all');
  const sketch = <TrendSketch title={title} sketch={trend.sketch} format={format} height={HEIGHT} />;
  return (
    <section className="trend" aria-label={title}>
      <h3>{title}</h3>
      {trend.total === 0 ? (
        <p className="notice">Nothing recorded yet.</p>
      ) : (
        <>
          {exploring ? (
            <ClientOnlyChart height={HEIGHT} label={`${title} chart`} fallback={sketch}>
              {(width) =>
                series ? (
                  <TrendChart
                    points={series} valueName={valueName} changes={trend.changes} format={format} width={width} height={HEIGHT} stepped={stepped}
                    projection={trend.projection?.week ? { label: trend.projection.week, threshold: trend.projection.threshold } : undefined}
                  />
                ) : sketch
              }
            </ClientOnlyChart>
          ) : (
            // A pointer on the drawing asks for the interactive chart (its values under the pointer); keyboards and
            // screen readers have the table below.
            <figure
              className="chart" aria-label={`${title} chart`}
              onPointerEnter={() => {
                explore();
                setExploring(true);
              }}
            >
              {sketch}
            </figure>
          )}
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
 * show and a drawing of each trend made on the server; a chart becomes interactive when a pointer reaches it, with
 * the whole series from GET /customers/:slug/trends (fetched again when the page's data is revalidated after a
 * change), so that a phone loading the page runs no chart library.
 */
export function TrendCharts({ slug, trends }: { slug: string; trends: CustomerTrends }) {
  const fetcher = useFetcher<typeof trendsLoader>();
  const explore = () => {
    if (fetcher.state === 'idle' && !fetcher.data) fetcher.load(`/customers/${slug}/trends`);
  };
  // Drawn at low priority, in slices, when the series arrive.
  const series = useDeferredValue(fetcher.data);
  return (
    <div className="trends">
      <Trend title="Completions accepted" valueName="Accepted %" trend={trends.acceptance} series={series?.acceptance} explore={explore} format={percent} />
      <Trend title="DAU over available developers" valueName="DAU %" trend={trends.dau} series={series?.dau} explore={explore} format={percent} />
      <Trend title="iARR realized (cumulative)" valueName="iARR" trend={trends.iarr} series={series?.iarr} explore={explore} format={formatUsd} stepped />
    </div>
  );
}
