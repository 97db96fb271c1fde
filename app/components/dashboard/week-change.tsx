/** A week-over-week change as an arrow, named in words for screen readers and on hover. */
export function WeekChange({ value, format }: { value: number | null; format: (magnitude: number) => string }) {
  if (value === null) return null;
  const direction = value > 0 ? 'up' : value < 0 ? 'down' : 'unchanged';
  const words = direction === 'unchanged' ? 'unchanged from the week before' : `${direction} ${format(Math.abs(value))} from the week before`;
  // One element per arrow: the partners table has three per row, and each element costs on every page view.
  return (
    <span className={`week-change week-change-${direction}`} role="img" aria-label={words} title={words}>
      {direction === 'up' ? ' ▲' : direction === 'down' ? ' ▼' : ' →'}
    </span>
  );
}
