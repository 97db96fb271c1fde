import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiLoggingRights, requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { getCustomerBySlug } from '~/models/customers.server';
import { logProgress } from '~/models/progress.server';
import { ProgressEntrySchema } from '~/schemas/progress';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/customers/:slug/progress: `{kind, occurredOn, body, theme?, routedTo?}` → 201 with the entry. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'logProgress');
    const customer = await getCustomerBySlug(context.db, params.slug ?? '');
    await requireApiLoggingRights(request, context, actor, [customer.slug]);
    const entry = parseApiBody(ProgressEntrySchema, await readJsonBody(request));
    const { id } = await logProgress(context.db, { customerId: customer.id, entry, today: teamToday(context), actor, now: context.now(), ip: context.clientIp });
    return json({ id, ...entry }, { status: 201 });
  });
}
