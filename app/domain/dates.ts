// Calendar dates are ISO `YYYY-MM-DD` strings; arithmetic on them runs in UTC so no zone shifts a day.

const DAY_MS = 86_400_000;

function toUtc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

// DOMAIN.md: dates lie in the years 2000–2100 (year 0 and 9999 are typing slips, and year 0 is no PostgreSQL date).
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** Whether the string is a real calendar date in `YYYY-MM-DD` form, in the years 2000–2100. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  // Month 13 makes no date at all; 2026-02-30 makes a date in March: both are refused.
  const date = toUtc(value);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The date `days` after `isoDate` (before it when negative). */
export function addDays(isoDate: string, days: number): string {
  return new Date(toUtc(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

// A formatter per time zone, made once: making one costs far more than using it.
const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of the instant `now` in the IANA time zone `timeZone`: the team's "today", D. */
export function dateInZone(now: Date, timeZone: string): string {
  let format = isoDateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    isoDateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * The canonical IANA name of a time zone the user typed ("europe/berlin" → "Europe/Berlin"), or null when it is
 * none: a zone's name, not an offset such as "+02:00".
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) || name.length > 64 || !isTimeZone(name)) return null;
  return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
}

/** Whether the IANA time zone name is one this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** 1 for Monday … 7 for Sunday. */
function isoWeekday(isoDate: string): number {
  return toUtc(isoDate).getUTCDay() || 7;
}

export function isMonday(isoDate: string): boolean {
  return isIsoDate(isoDate) && isoWeekday(isoDate) === 1;
}

/** The Monday that names the week of `isoDate`. */
export function weekStartOf(isoDate: string): string {
  return addDays(isoDate, 1 - isoWeekday(isoDate));
}
