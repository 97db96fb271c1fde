import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiLoggingRights, requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { apiError, handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { findObjectiveCustomer, updateObjective } from '~/models/objectives.server';
import { decimalParam } from '~/schemas/numbers';
import { ObjectivePatchSchema } from '~/schemas/objectives';

export function loader() {
  return methodNotAllowed('PATCH');
}

/** PATCH /api/v1/objectives/:id `{version, …fields}` → 200 `{objective}`; 409 `version_conflict` on a stale version. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'PATCH');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'logProgress');
    const id = decimalParam.safeParse(params.id);
    if (!id.success) throw apiError(404, 'not_found', 'No objective has that id.');
    const customer = await findObjectiveCustomer(context.db, id.data);
    await requireApiLoggingRights(request, context, actor, [customer.slug]);
    const { version, ...changes } = parseApiBody(ObjectivePatchSchema, await readJsonBody(request));
    const objective = await updateObjective(context.db, { id: id.data, version, changes, today: teamToday(context), actor, now: context.now(), ip: context.clientIp });
    return json({ objective });
  });
}
