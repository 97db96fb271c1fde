import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody, slugsInBody } from '~/http/api.server';
import { handleApi, methodNotAllowed } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { requireLoggingRights } from '~/models/customer-access.server';
import { recordSnapshots } from '~/models/metrics.server';
import { MetricsRequestSchema } from '~/schemas/metrics';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/metrics: weekly snapshots, all or nothing → `{inserted, updated}`. */
export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'logProgress');
    const body = await readJsonBody(request);
    await requireLoggingRights(context.db, actor, slugsInBody(body, 'snapshots'));
    const { snapshots } = parseApiBody(MetricsRequestSchema, body);
    const result = await recordSnapshots(context.db, { snapshots, actor, today: teamToday(context), now: context.now(), ip: context.clientIp });
    return json(result);
  });
}
