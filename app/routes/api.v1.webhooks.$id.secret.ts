import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { randomWebhookSecret } from '~/auth/secrets.server';
import { apiError, handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { renewWebhookSecret } from '~/models/webhooks.server';
import { decimalParam } from '~/schemas/numbers';

export function loader() {
  return methodNotAllowed('POST');
}

/**
 * POST /api/v1/webhooks/:id/secret (exec, em) → `{id, url, events, secret}`: a new secret, shown this once; the old
 * one stops signing, and a paused (restored) webhook sends again. An unknown id is a 404.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'manageWebhooks');
    const id = decimalParam.safeParse(params.id);
    const renewed = id.success
      ? await renewWebhookSecret(context.db, { id: id.data, secret: randomWebhookSecret(), actor, now: context.now(), ip: context.clientIp })
      : null;
    if (!renewed) throw apiError(404, 'not_found', `No webhook has the id ${String(params.id).slice(0, 20)}.`);
    return json(renewed);
  });
}
