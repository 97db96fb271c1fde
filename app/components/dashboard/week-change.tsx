/** A week-over-week change as an arrow, with its words for screen readers. */
export function WeekChange({ value, format }: { value: number | null; format: (magnitude: number) => string }) {
  if (value === null) return null;
  const direction = value > 0 ? 'up' : value < 0 ? 'down' : 'unchanged';
  const words = direction === 'unchanged' ? 'unchanged from the week before' : `${direction} ${format(Math.abs(value))} from the week before`;
  return (
    <span className={`week-change week-change-${direction}`} title={words}>
      <span aria-hidden="true">{direction === 'up' ? ' ▲' : direction === 'down' ? ' ▼' : ' →'}</span>
      <span className="visually-hidden">{` (${words})`}</span>
    </span>
  );
}
