import { CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';

export type TrendPoint = { label: string; value: number | null; threshold: number };

type TrendChartProps = {
  points: TrendPoint[];
  valueName: string;
  /** Labels (dates) where a threshold changed. */
  changes: string[];
  format: (value: number) => string;
  width: number;
  height: number;
  /** A total that moves only at its points (a ledger): drawn as steps, not slopes. */
  stepped?: boolean;
  /** Where the trend reaches the threshold: a dashed continuation from the latest value to it. */
  projection?: { label: string; threshold: number };
};

const DAY_MS = 86_400_000;
const dateOf = (time: number) => new Date(time).toISOString().slice(0, 10);

type Datum = TrendPoint & { time: number; projected?: number };

function withProjection(points: TrendPoint[], projection: TrendChartProps['projection']): Datum[] {
  const data: Datum[] = points.map((point) => ({ ...point, time: Date.parse(point.label) }));
  const latest = data.findLast((point) => point.value !== null);
  if (!projection || !latest) return data;
  latest.projected = latest.value!;
  const end = { label: projection.label, value: null, threshold: projection.threshold };
  return [...data, { ...end, time: Date.parse(end.label), projected: end.threshold }];
}

/**
 * A metric over time against its threshold (a dashed step line), on a time axis so that uneven dates keep their
 * spacing; threshold changes are marked by dotted lines, which the text below the chart names, and a projection
 * by a dashed line in the metric's colour.
 */
export default function TrendChart({ points, valueName, changes, format, width, height, stepped = false, projection }: TrendChartProps) {
  const data = withProjection(points, projection);
  const [first, last] = [data[0]!.time, data[data.length - 1]!.time];
  // A lone point still gets a week's width, so the threshold is a line and the value not a dot on the edge.
  const domain = first === last ? [first - 3 * DAY_MS, last + 3 * DAY_MS] : [first, last];
  return (
    <ComposedChart width={width} height={height} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid stroke="#e5e7eb" vertical={false} />
      <XAxis dataKey="time" type="number" scale="time" domain={domain} tickFormatter={dateOf} tick={{ fontSize: 12 }} minTickGap={32} />
      <YAxis tickFormatter={format} tick={{ fontSize: 12 }} width={72} />
      <Tooltip labelFormatter={(time) => dateOf(Number(time))} formatter={(value) => format(Number(value))} />
      <Line
        type={stepped ? 'stepAfter' : 'monotone'} dataKey="value" name={valueName} stroke="#1f3a8a" strokeWidth={2}
        dot={points.length === 1} isAnimationActive={false} connectNulls
      />
      {projection ? (
        <Line
          type="linear" dataKey="projected" name={`${valueName} at current trend`} stroke="#1f3a8a" strokeWidth={2}
          strokeDasharray="4 4" dot={false} isAnimationActive={false} connectNulls
        />
      ) : null}
      <Line type="stepAfter" dataKey="threshold" name="Threshold" stroke="#b91c1c" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
      {first === last ? <ReferenceLine y={data[0]!.threshold} stroke="#b91c1c" strokeDasharray="6 4" /> : null}
      {changes.map((label) => (
        <ReferenceLine key={label} x={Date.parse(label)} stroke="#92400e" strokeDasharray="2 2" />
      ))}
    </ComposedChart>
  );
}
