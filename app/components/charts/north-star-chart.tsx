import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { isPartialWeek } from '~/domain/north-star';

const COLORS = ['#1f3a8a', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#4d7c0f', '#0369a1', '#a16207'];

/** Total DAU by week, stacked by partner; a partial week's bars paler. */
export default function NorthStarChart({
  weeks,
  partners,
  width,
  height,
}: {
  weeks: { weekStart: string; byCustomer: Record<string, number>; expected: number; reported: number }[];
  partners: { slug: string; name: string }[];
  width: number;
  height: number;
}) {
  const data = weeks.map((week) => ({ week: isPartialWeek(week) ? `${week.weekStart} (partial)` : week.weekStart, ...week.byCustomer }));
  return (
    <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid stroke="#e5e7eb" vertical={false} />
      <XAxis dataKey="week" tick={{ fontSize: 12 }} minTickGap={24} />
      <YAxis tick={{ fontSize: 12 }} width={64} />
      <Tooltip />
      <Legend />
      {partners.map((partner, index) => (
        <Bar key={partner.slug} dataKey={partner.slug} name={partner.name} stackId="dau" fill={COLORS[index % COLORS.length]} isAnimationActive={false}>
          {weeks.map((week) => (
            <Cell key={week.weekStart} fillOpacity={isPartialWeek(week) ? 0.4 : 1} />
          ))}
        </Bar>
      ))}
    </BarChart>
  );
}
