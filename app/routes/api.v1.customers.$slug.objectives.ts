import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiLoggingRights, requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, requireMethod } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { getCustomerBySlug } from '~/models/customers.server';
import { createObjective, listObjectives } from '~/models/objectives.server';
import { ObjectiveApiSchema } from '~/schemas/objectives';

/** GET /api/v1/customers/:slug/objectives: the partner's success plan, by due date. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    await requireApiPermission(request, context, 'read');
    const customer = await getCustomerBySlug(context.db, params.slug ?? '');
    return json({ objectives: await listObjectives(context.db, customer.id, teamToday(context)) });
  });
}

/** POST /api/v1/customers/:slug/objectives `{title, ownerEmail?, dueOn, status?, links?, notes?}` → 201 `{objective}`. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'GET', 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'logProgress');
    const customer = await getCustomerBySlug(context.db, params.slug ?? '');
    await requireApiLoggingRights(request, context, actor, [customer.slug]);
    const objective = parseApiBody(ObjectiveApiSchema, await readJsonBody(request));
    const created = await createObjective(context.db, { customerId: customer.id, objective, today: teamToday(context), actor, now: context.now(), ip: context.clientIp });
    return json({ objective: created }, { status: 201 });
  });
}
