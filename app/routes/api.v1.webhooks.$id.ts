import type { ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { apiError, handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { deleteWebhook } from '~/models/webhooks.server';
import { decimalParam } from '~/schemas/numbers';

export function loader() {
  return methodNotAllowed('DELETE');
}

/** DELETE /api/v1/webhooks/:id → 204 (exec, em); an unknown id is a 404. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'DELETE');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'manageWebhooks');
    const id = decimalParam.safeParse(params.id);
    const deleted = id.success && (await deleteWebhook(context.db, { id: id.data, actor, now: context.now(), ip: context.clientIp }));
    if (!deleted) throw apiError(404, 'not_found', `No webhook has the id ${String(params.id).slice(0, 20)}.`);
    return new Response(null, { status: 204 });
  });
}
