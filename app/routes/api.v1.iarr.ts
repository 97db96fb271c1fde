import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody, slugsInBody } from '~/http/api.server';
import { handleApi, methodNotAllowed } from '~/http/responses.server';
import { requireLoggingRights } from '~/models/customer-access.server';
import { recordIarrEntries } from '~/models/iarr.server';
import { IarrRequestSchema } from '~/schemas/metrics';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/iarr: iARR entries, all or nothing, idempotent by external id → `{inserted, skipped}`. */
export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'logProgress');
    const body = await readJsonBody(request);
    await requireLoggingRights(context.db, actor, slugsInBody(body, 'entries'));
    const { entries } = parseApiBody(IarrRequestSchema, body);
    return json(await recordIarrEntries(context.db, { entries, actor, now: context.now(), ip: context.clientIp }));
  });
}
