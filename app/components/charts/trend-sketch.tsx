import { downsample } from '~/domain/downsample';
import type { TrendPoint } from './trend-chart';

/** The drawing's own units, both ways: the SVG stretches them to its box. */
const VIEW = 1000;
/** A year of weeks: enough for a trend's shape at a glance. */
export const SKETCH_POINTS = 52;
const DAY_MS = 86_400_000;

/** A trend drawn as SVG paths in VIEW units, with what its labels say. */
export type Sketch = {
  value: string;
  /** One value alone, drawn as a dot. */
  lone: boolean;
  threshold: string;
  projection: string | null;
  /** Where the threshold changed, across. */
  changes: number[];
  top: number;
  from: string;
  to: string;
  latest: TrendPoint | null;
};

/**
 * A trend's drawing, made on the server: a few hundred bytes of path that the page shows at once, without a chart
 * library. At most SKETCH_POINTS points; the interactive chart draws every point.
 */
export function sketchOf(
  { points, changes, projection }: { points: TrendPoint[]; changes: string[]; projection: { week: string | null; threshold: number } | null },
  stepped = false,
): Sketch {
  const kept = downsample(points, SKETCH_POINTS, (point) => point.value ?? 0);
  const recorded = kept.filter((point) => point.value !== null);
  const ahead = projection?.week ? { label: projection.week, threshold: projection.threshold } : null;
  const times = [...points.map((point) => Date.parse(point.label)), ...(ahead ? [Date.parse(ahead.label)] : [])];
  let [first, last] = [Math.min(...times), Math.max(...times)];
  // A lone week still gets a week's width, as in the interactive chart.
  if (first === last) [first, last] = [first - 3 * DAY_MS, last + 3 * DAY_MS];
  const top = Math.max(...recorded.map((point) => point.value!), ...points.map((point) => point.threshold), ahead?.threshold ?? 0) * 1.1 || 1;
  const x = (label: string) => Math.round(((Date.parse(label) - first) / (last - first)) * VIEW);
  const y = (value: number) => Math.round(VIEW - (value / top) * VIEW);

  const latest = recorded.at(-1) ?? null;
  const valuePath = recorded
    .map((point, index) => (index === 0 ? `M${x(point.label)},${y(point.value!)}` : stepped ? `H${x(point.label)}V${y(point.value!)}` : `L${x(point.label)},${y(point.value!)}`))
    .join('');
  // From every point, not the kept ones: a step drawn where the threshold changed, however few points are kept.
  let thresholdPath = points.length > 0 ? `M0,${y(points[0]!.threshold)}` : '';
  points.forEach((point, index) => {
    if (index > 0 && point.threshold !== points[index - 1]!.threshold) thresholdPath += `H${x(point.label)}V${y(point.threshold)}`;
  });
  thresholdPath += `H${VIEW}`;
  return {
    // One point is drawn as a dot: a line of no length with round ends.
    value: recorded.length === 1 ? `${valuePath}h0` : valuePath,
    lone: recorded.length === 1,
    threshold: thresholdPath,
    projection: ahead && latest ? `M${x(latest.label)},${y(latest.value!)}L${x(ahead.label)},${y(ahead.threshold)}` : null,
    changes: changes.map((label) => x(label)),
    top,
    from: points[0]?.label ?? '',
    to: ahead?.label ?? points.at(-1)?.label ?? '',
    latest,
  };
}

/**
 * A metric against its threshold, drawn from its sketch: the value solid, the threshold dashed red, threshold changes
 * dotted, a projection dashed in the value's colour, as the interactive chart draws them.
 */
export function TrendSketch({ title, sketch, format, height }: { title: string; sketch: Sketch; format: (value: number) => string; height: number }) {
  const { latest } = sketch;
  const description = latest
    ? `${title}: ${format(latest.value!)} in ${latest.label}, against a threshold of ${format(latest.threshold)}.`
    : `${title}: nothing recorded yet.`;
  return (
    <div className="sketch" style={{ height }}>
      <span className="sketch-top" aria-hidden="true">{format(sketch.top)}</span>
      <span className="sketch-zero" aria-hidden="true">{format(0)}</span>
      <svg viewBox={`0 0 ${VIEW} ${VIEW}`} preserveAspectRatio="none" role="img" aria-label={description}>
        {sketch.changes.map((across) => (
          <path key={across} d={`M${across},0V${VIEW}`} className="sketch-change" />
        ))}
        <path d={sketch.threshold} className="sketch-threshold" />
        <path d={sketch.value} className={sketch.lone ? 'sketch-value sketch-dot' : 'sketch-value'} />
        {sketch.projection ? <path d={sketch.projection} className="sketch-projection" /> : null}
      </svg>
      <span className="sketch-dates" aria-hidden="true">
        <span>{sketch.from}</span>
        <span>{sketch.to}</span>
      </span>
    </div>
  );
}
