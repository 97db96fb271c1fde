import { describe, expect, it } from 'vitest';
import { dateInZone } from '~/domain/dates';
import { isUpdateOverdue, updateDueOn, weeklyUpdateMarkdown, weeksBetween, weekStartProblem } from '~/domain/weekly-update';

// The team's date at an instant, as the app derives it before asking whether an update is overdue.
const at = (iso: string, zone = 'UTC') => dateInZone(new Date(iso), zone);

describe('the weekly update’s deadline', () => {
  it('falls on the week’s Friday', () => {
    expect(updateDueOn('2026-11-16')).toBe('2026-11-20');
    expect(updateDueOn('2026-12-28')).toBe('2027-01-01');
  });

  // Each row: zone, week, the last instant still in time (Friday 23:59:59 local), the first overdue (Saturday 00:00 local).
  it.each([
    ['UTC', '2026-11-16', '2026-11-20T23:59:59Z', '2026-11-21T00:00:00Z'],
    // New York leaves daylight saving on Sunday 2026-11-01: the Friday before is still UTC−4.
    ['America/New_York', '2026-10-26', '2026-10-31T03:59:59Z', '2026-10-31T04:00:00Z'],
    // ...and the Friday after is UTC−5.
    ['America/New_York', '2026-11-02', '2026-11-07T04:59:59Z', '2026-11-07T05:00:00Z'],
    // New York enters daylight saving on Sunday 2026-03-08: Friday 2026-03-06 is UTC−5, Friday 2026-03-13 UTC−4.
    ['America/New_York', '2026-03-02', '2026-03-07T04:59:59Z', '2026-03-07T05:00:00Z'],
    ['America/New_York', '2026-03-09', '2026-03-14T03:59:59Z', '2026-03-14T04:00:00Z'],
    // Berlin leaves summer time on 2026-10-25: UTC+2 the Friday before, UTC+1 after.
    ['Europe/Berlin', '2026-10-19', '2026-10-23T21:59:59Z', '2026-10-23T22:00:00Z'],
    ['Europe/Berlin', '2026-10-26', '2026-10-30T22:59:59Z', '2026-10-30T23:00:00Z'],
    // Sydney enters daylight saving on 2026-10-04 (UTC+10 → +11).
    ['Australia/Sydney', '2026-09-28', '2026-10-02T13:59:59Z', '2026-10-02T14:00:00Z'],
    ['Australia/Sydney', '2026-10-05', '2026-10-09T12:59:59Z', '2026-10-09T13:00:00Z'],
    // Half- and quarter-hour offsets.
    ['Asia/Kolkata', '2026-11-16', '2026-11-20T18:29:59Z', '2026-11-20T18:30:00Z'],
    ['Asia/Kathmandu', '2026-11-16', '2026-11-20T18:14:59Z', '2026-11-20T18:15:00Z'],
  ])('in %s, the week of %s is on time at %s and overdue from %s', (zone, weekStart, lastOnTime, firstOverdue) => {
    expect(isUpdateOverdue({ weekStart, status: 'missing' }, at(lastOnTime, zone))).toBe(false);
    expect(isUpdateOverdue({ weekStart, status: 'missing' }, at(firstOverdue, zone))).toBe(true);
    expect(isUpdateOverdue({ weekStart, status: 'draft' }, at(firstOverdue, zone))).toBe(true);
    expect(isUpdateOverdue({ weekStart, status: 'submitted' }, at(firstOverdue, zone))).toBe(false);
    expect(isUpdateOverdue({ weekStart, status: 'amended' }, at(firstOverdue, zone))).toBe(false);
  });

  it('is never overdue during its own week before Friday ends', () => {
    expect(isUpdateOverdue({ weekStart: '2026-11-16', status: 'missing' }, at('2026-11-16T00:00:00Z'))).toBe(false);
  });
});

describe('weeks', () => {
  it('accept a Monday up to the current week only', () => {
    expect(weekStartProblem('2026-11-16', '2026-11-18')).toBeNull();
    expect(weekStartProblem('2026-11-17', '2026-11-18')).toBe('A week is named by its Monday (YYYY-MM-DD).');
    expect(weekStartProblem('2026-11-23', '2026-11-18')).toBe('The week of 2026-11-23 has not started yet.');
    expect(weekStartProblem('2026-11-23', '2026-11-23')).toBeNull();
  });

  it('are listed newest first, across a year’s end', () => {
    expect(weeksBetween('2026-12-21', '2027-01-11')).toEqual(['2027-01-11', '2027-01-04', '2026-12-28', '2026-12-21']);
    expect(weeksBetween('2026-11-16', '2026-11-16')).toEqual(['2026-11-16']);
  });
});

describe('the update as Markdown', () => {
  it('has a title with the week, the three sections, and says when a section is empty or the update amended', () => {
    expect(weeklyUpdateMarkdown('2026-11-16', { progress: '- Northwind live\n', blockers: '', upcoming: 'Halcyon kickoff' }, true)).toBe(
      '# Strategic team weekly update: week of 2026-11-16 (amended)\n\n## Progress\n\n- Northwind live\n\n## Blockers\n\n_Nothing this week._\n\n## Upcoming work\n\nHalcyon kickoff\n',
    );
  });
});
