import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { markNotificationsRead } from '~/models/notifications.server';
import { MarkReadSchema } from '~/schemas/notifications';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/notifications/read: `{ids}` (others' ids are ignored) or `{all: true}` → `{updated}`. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireMethod(request, 'POST');
  return handleApi(async () => {
    const user = await requireApiPermission(request, context, 'ownNotifications');
    const body = parseApiBody(MarkReadSchema, await readJsonBody(request));
    const target = body.ids ? { ids: body.ids } : { all: true as const };
    return json({ updated: await markNotificationsRead(context.db, { userId: user.id, now: context.now(), ...target }) });
  });
}
