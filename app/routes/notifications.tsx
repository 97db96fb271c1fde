import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { countOf, formatDateTime } from '~/domain/format';
import { headlineOf } from '~/domain/events';
import { redirectWithFlash } from '~/http/flash.server';
import { readForm } from '~/http/forms.server';
import { plainResponse } from '~/http/responses.server';
import { countUnread, INBOX_PAGE, listNotifications, markNotificationsRead } from '~/models/notifications.server';
import { InboxActionSchema, InboxQuerySchema } from '~/schemas/notifications';
import { parseForm } from '~/schemas/parse-form';

export const meta: MetaFunction = () => [{ title: 'Notifications · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'ownNotifications');
  const { before } = InboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [notifications, unread] = await Promise.all([
    listNotifications(context.db, user.id, { beforeId: before }),
    countUnread(context.db, user.id),
  ]);
  return {
    unread,
    timeZone: context.teamTimezone,
    older: notifications.length === INBOX_PAGE ? notifications.at(-1)!.id : null,
    notifications: notifications.map(({ text, ...notification }) => ({ ...notification, headline: headlineOf(text) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'ownNotifications');
  const submission = parseForm(await readForm(request), InboxActionSchema);
  if (submission.status !== 'success') throw plainResponse('That notification is not one of yours: reload the page.', 422);
  const command = submission.value;
  const target = command.intent === 'read' ? { ids: [command.id] } : { all: true as const };
  const updated = await markNotificationsRead(context.db, { userId: user.id, now: context.now(), ...target });
  const message = command.intent === 'read' ? 'Marked read.' : `${countOf(updated, 'notification')} marked read.`;
  return redirectWithFlash(`/notifications${new URL(request.url).search}`, message, context);
}

/** The signed-in person's inbox: what happened that concerns them, newest first. */
export default function Notifications() {
  const { unread, timeZone, older, notifications } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-title">
        <h1>Notifications</h1>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit">Mark all read</button>
          </Form>
        ) : null}
      </div>
      <p className="notice">
        {unread > 0 ? `${countOf(unread, 'unread notification')}.` : 'All read.'} Choose which kinds you get on <Link to="/settings#notifications">Settings</Link>.
      </p>
      {notifications.length === 0 ? (
        <p className="notice">Nothing yet: the gate, your partners and the weekly update will show up here.</p>
      ) : (
        <ol className="inbox" aria-label="Notifications, newest first">
          {notifications.map((notification) => (
            <li key={notification.id} className={notification.readAt ? 'inbox-item' : 'inbox-item inbox-unread'}>
              <p>
                {notification.readAt ? null : <strong className="inbox-badge">Unread </strong>}
                <Link to={notification.link}>{notification.headline}</Link>
              </p>
              <div className="notice inbox-meta">
                <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt, timeZone)}</time>
                {notification.readAt ? null : (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={notification.id} />
                    <button type="submit" className="button-quiet" aria-label={`Mark read: ${notification.headline}`}>
                      Mark read
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {older ? (
        <p>
          <Link to={`/notifications?before=${older}`}>Older notifications</Link>
        </p>
      ) : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
