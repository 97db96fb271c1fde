import { addDays, weekStartOf } from './dates';

/**
 * The latest week whose weekly update is due by now: each week's is due by its Friday 23:59 (team time),
 * so from Saturday on it is this week's, before that the week before's.
 */
export function latestDueWeek(today: string): string {
  const thisWeek = weekStartOf(today);
  return today > addDays(thisWeek, 4) ? thisWeek : addDays(thisWeek, -7);
}
