import { bulkLoggingAction } from '~/http/bulk-logging.server';
import { teamToday } from '~/http/team-date.server';
import { methodNotAllowed } from '~/http/responses.server';
import { iarrProblems, recordIarrEntries } from '~/models/iarr.server';
import { IarrRequestSchema } from '~/schemas/metrics';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/iarr: iARR entries, all or nothing, idempotent by external id → `{inserted, skipped}`. */
export const action = bulkLoggingAction(
  'entries',
  IarrRequestSchema,
  async (rows, context) => (await iarrProblems(context.db, rows)).fields,
  ({ entries }, actor, context) => recordIarrEntries(context.db, { entries, actor, today: teamToday(context), now: context.now(), ip: context.clientIp }),
);
