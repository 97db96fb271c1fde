import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { handleApi, methodNotAllowed } from '~/http/responses.server';
import { countUnread, listNotifications } from '~/models/notifications.server';
import { InboxQuerySchema } from '~/schemas/notifications';

/** GET /api/v1/notifications: the caller's, newest first (`?before=ID` for older ones), and how many are unread. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiPermission(request, context, 'ownNotifications');
    const { before } = InboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const [notifications, unread] = await Promise.all([
      listNotifications(context.db, user.id, { beforeId: before }),
      countUnread(context.db, user.id),
    ]);
    return json({ notifications, unread });
  });
}

export function action() {
  return methodNotAllowed('GET');
}
