// Made once: a formatter costs far more to make than to use (toLocaleString makes one per call).
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');

/** A whole number with thousands separators: 12,345. */
export function formatCount(value: number): string {
  return count.format(value);
}

/** A count with its noun, singular for one: "1 row", "2,400 rows". */
export function countOf(value: number, noun: string, plural = `${noun}s`): string {
  return `${count.format(value)} ${value === 1 ? noun : plural}`;
}

export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** A percentage with one decimal, never rounded up across a threshold in the reader's eye: 29.99 → 29.9 %. */
export function formatPct(value: number | null): string {
  return value === null ? '—' : `${(Math.floor(value * 10) / 10).toFixed(1)} %`;
}

export function formatDate(value: string | Date | null): string {
  if (value === null) return '—';
  return (typeof value === 'string' ? value : value.toISOString()).slice(0, 10);
}
