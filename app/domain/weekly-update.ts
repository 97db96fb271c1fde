import { addDays, dateInZone, isMonday, weekStartOf } from './dates';

// The Friday update (DOMAIN.md, "Weekly update").

export type UpdateStatus = 'draft' | 'submitted' | 'amended' | 'missing';
/** The state a save leaves an update in. */
export type SavedUpdateStatus = Exclude<UpdateStatus, 'missing'>;

export const UPDATE_STATUS_LABELS: Record<UpdateStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  amended: 'Amended',
  missing: 'Missing',
};

/** The Friday of the week starting `weekStart`: its update is due by 23:59 that day, team time. */
export function updateDueOn(weekStart: string): string {
  return addDays(weekStart, 4);
}

/** The latest week whose update was due by `today`: this week once its Friday is over, else last week. */
export function latestDueWeek(today: string): string {
  const thisWeek = weekStartOf(today);
  return today > updateDueOn(thisWeek) ? thisWeek : addDays(thisWeek, -7);
}

/**
 * Whether a week's update is overdue on `today` (the team's date, daylight saving and all): not submitted, and
 * its Friday is over.
 */
export function isUpdateOverdue(update: { weekStart: string; status: UpdateStatus }, today: string): boolean {
  if (update.status === 'submitted' || update.status === 'amended') return false;
  return today > updateDueOn(update.weekStart);
}

/** Whether an update was first submitted after its Friday was over in the team's time zone. */
export function isSubmittedLate(weekStart: string, submittedAt: string | Date, timeZone: string): boolean {
  return dateInZone(new Date(submittedAt), timeZone) > updateDueOn(weekStart);
}

/** Why a week cannot have an update, or null: it must be a Monday, and not after the current week. */
export function weekStartProblem(weekStart: string, today: string): string | null {
  if (!isMonday(weekStart)) return 'A week is named by its Monday (YYYY-MM-DD).';
  if (weekStart > weekStartOf(today)) return `The week of ${weekStart} has not started yet.`;
  return null;
}

/** Every week from `first` to `last` (Mondays), newest first. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let week = last; week >= first; week = addDays(week, -7)) weeks.push(week);
  return weeks;
}

export type WeeklyUpdateSections = { progress: string; blockers: string; upcoming: string };

/** The update as Markdown, ready to paste into the company channel. */
export function weeklyUpdateMarkdown(weekStart: string, sections: WeeklyUpdateSections, amended = false): string {
  const section = (title: string, body: string) => `## ${title}\n\n${body.trim() || '_Nothing this week._'}`;
  return [
    `# Strategic team weekly update: week of ${weekStart}${amended ? ' (amended)' : ''}`,
    section('Progress', sections.progress),
    section('Blockers', sections.blockers),
    section('Upcoming work', sections.upcoming),
  ].join('\n\n') + '\n';
}
