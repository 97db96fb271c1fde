import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween, isIsoDate, isMonday, isTimeZone, weekStartOf } from '~/domain/dates';

describe('dates', () => {
  it.each([
    ['2026-11-16', '2026-11-16'],
    ['2026-11-18', '2026-11-16'],
    ['2026-11-22', '2026-11-16'],
    ['2026-11-23', '2026-11-23'],
    ['2027-01-01', '2026-12-28'],
  ])('names the week of %s by its Monday %s', (date, monday) => {
    expect(weekStartOf(date)).toBe(monday);
    expect(isMonday(monday)).toBe(true);
  });

  it('tells real ISO dates from the rest', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-05')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-11-32')).toBe(false);
    expect(isMonday('2026-11-17')).toBe(false);
  });

  it.each([
    ['0000-01-03', false],
    ['1999-12-31', false],
    ['2000-01-01', true],
    ['2100-12-31', true],
    ['2101-01-01', false],
    ['9999-12-27', false],
  ])('keeps dates to the years 2000–2100: %s is %s', (date, valid) => {
    expect(isIsoDate(date)).toBe(valid);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-01', '2026-11-15')).toBe(14);
  });

  it('takes today in the team time zone', () => {
    const instant = new Date('2026-11-20T23:30:00Z');
    expect(dateInZone(instant, 'UTC')).toBe('2026-11-20');
    expect(dateInZone(instant, 'Europe/Berlin')).toBe('2026-11-21');
    expect(dateInZone(instant, 'America/Los_Angeles')).toBe('2026-11-20');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
