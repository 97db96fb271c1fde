import { dateInZone } from '~/domain/dates';
import type { AppContext } from './load-context';

/** D: today's date in the team time zone. */
export function teamToday(context: Pick<AppContext, 'now' | 'teamTimezone'>): string {
  return dateInZone(context.now(), context.teamTimezone);
}
