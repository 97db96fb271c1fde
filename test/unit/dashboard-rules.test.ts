import { describe, expect, it } from 'vitest';
import { change } from '~/domain/week-over-week';
import { latestDueWeek } from '~/domain/weekly-update';

describe('latestDueWeek', () => {
  it.each([
    ['2026-11-16', '2026-11-09'], // Monday: last week's update is the one due
    ['2026-11-20', '2026-11-09'], // Friday: this week's is not due until 23:59
    ['2026-11-21', '2026-11-16'], // Saturday: this week's is now due
    ['2026-11-22', '2026-11-16'], // Sunday
  ])('on %s the latest due week is %s', (today, week) => {
    expect(latestDueWeek(today)).toBe(week);
  });
});

describe('change', () => {
  it('is the difference, or null when a value is missing', () => {
    expect(change(31.5, 30)).toBe(1.5);
    expect(change(null, 30)).toBeNull();
    expect(change(30, undefined)).toBeNull();
  });
});
