import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type TrendPoint = { label: string; value: number | null; threshold: number };

type TrendChartProps = {
  points: TrendPoint[];
  valueName: string;
  /** Labels (x values) where a threshold changed. */
  changes: string[];
  format: (value: number) => string;
  height: number;
};

/** A metric over time against its threshold (a dashed step line), with threshold changes marked. */
export default function TrendChart({ points, valueName, changes, format, height }: TrendChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
        <YAxis tickFormatter={format} tick={{ fontSize: 12 }} width={72} />
        <Tooltip formatter={(value) => format(Number(value))} />
        <Line type="monotone" dataKey="value" name={valueName} stroke="#1f3a8a" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        <Line type="stepAfter" dataKey="threshold" name="Threshold" stroke="#b91c1c" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        {changes.map((label) => (
          <ReferenceLine key={label} x={label} stroke="#92400e" strokeDasharray="2 2" label={{ value: 'threshold changed', fontSize: 11, fill: '#92400e', position: 'insideTopLeft' }} />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
