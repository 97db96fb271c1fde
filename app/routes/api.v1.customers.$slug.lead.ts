import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { getCustomerBySlug } from '~/models/customers.server';
import { assignLeadEngineer } from '~/models/partnerships.server';
import { LeadSchema } from '~/schemas/partnerships';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/customers/:slug/lead: `{email}` of an engineer, EM or exec becomes the lead → 200. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'managePartnerships');
    const slug = params.slug ?? '';
    await getCustomerBySlug(context.db, slug);
    const { email } = parseApiBody(LeadSchema, await readJsonBody(request));
    return json(await assignLeadEngineer(context.db, { slug, email, actor, now: context.now(), ip: context.clientIp }));
  });
}
