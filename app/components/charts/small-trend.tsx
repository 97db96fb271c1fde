import { scaleLinear, scaleUtc } from 'd3-scale';
import { curveLinear, curveStepAfter, line, type CurveFactory } from 'd3-shape';
import type { TrendPoint } from './trend-chart';

const WIDTH = 260;
const HEIGHT = 96;
const MARGIN = { top: 8, right: 6, bottom: 16, left: 50 };

type SmallTrendProps = {
  title: string;
  points: TrendPoint[];
  format: (value: number) => string;
  /** A total that moves only at its points (a ledger): drawn as steps. */
  stepped?: boolean;
  /** Where the trend reaches the threshold, drawn dotted from the latest value. */
  projection?: { label: string; threshold: number };
};

type Drawn = { time: number; value: number };

/**
 * A metric against its threshold as plain SVG, drawn on the server: it prints, and shows without JavaScript.
 * Told apart without colour: the metric solid and dark, the threshold dashed and grey, a projection dotted.
 */
export function SmallTrend({ title, points, format, stepped = false, projection }: SmallTrendProps) {
  const recorded = points.filter((point) => point.value !== null);
  const values = recorded.map((point) => ({ time: Date.parse(point.label), value: point.value! }));
  const ahead = projection && values.length > 0 ? [values.at(-1)!, { time: Date.parse(projection.label), value: projection.threshold }] : [];
  const thresholds = [...points.map((point) => ({ time: Date.parse(point.label), value: point.threshold })), ...ahead.slice(1)];
  const drawn = [...values, ...thresholds];
  const times = drawn.map((point) => point.time);
  const top = Math.max(...drawn.map((point) => point.value)) * 1.1 || 1;
  const x = scaleUtc().domain([Math.min(...times), Math.max(...times)]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().domain([0, top]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = (series: Drawn[], curve: CurveFactory) => line<Drawn>((point) => x(point.time), (point) => y(point.value)).curve(curve)(series) ?? '';
  const latest = recorded.at(-1);
  const description = latest
    ? `${title}: ${format(latest.value!)} in ${latest.label}, against a threshold of ${format(latest.threshold)}${projection ? `; at the current trend it reaches the threshold in the week of ${projection.label}` : ''}.`
    : `${title}: nothing recorded yet.`;
  return (
    <svg className="small-trend" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={description}>
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="axis" />
      <text x={MARGIN.left - 4} y={y(0)} className="tick" textAnchor="end" dominantBaseline="middle">{format(0)}</text>
      <text x={MARGIN.left - 4} y={y(top)} className="tick" textAnchor="end" dominantBaseline="hanging">{format(top)}</text>
      <text x={MARGIN.left} y={HEIGHT - 2} className="tick">{points[0]?.label}</text>
      <text x={WIDTH - MARGIN.right} y={HEIGHT - 2} className="tick" textAnchor="end">{projection?.label ?? points.at(-1)?.label}</text>
      <path d={path(thresholds, curveStepAfter)} className="threshold" />
      {values.length === 1 ? (
        <circle cx={x(values[0]!.time)} cy={y(values[0]!.value)} r={3} className="value-dot" />
      ) : (
        <path d={path(values, stepped ? curveStepAfter : curveLinear)} className="value" />
      )}
      {ahead.length > 0 ? <path d={path(ahead, curveLinear)} className="projection" /> : null}
    </svg>
  );
}
