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

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the team reads it, "2026-10-31 16:00", in the given IANA time zone (the same on server and browser). */
export function formatDateTime(value: string | Date, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
