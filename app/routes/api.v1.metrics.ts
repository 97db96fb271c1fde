import { bulkLoggingAction } from '~/http/bulk-logging.server';
import { methodNotAllowed } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { recordSnapshots, snapshotProblems } from '~/models/metrics.server';
import { MetricsRequestSchema } from '~/schemas/metrics';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/metrics: weekly snapshots, all or nothing → `{inserted, updated}`. */
export const action = bulkLoggingAction(
  'snapshots',
  MetricsRequestSchema,
  async (rows, context) => (await snapshotProblems(context.db, rows, teamToday(context))).fields,
  ({ snapshots }, actor, context) =>
    recordSnapshots(context.db, { snapshots, actor, today: teamToday(context), now: context.now(), ip: context.clientIp }),
);
