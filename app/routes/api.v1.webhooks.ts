import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { randomWebhookSecret } from '~/auth/secrets.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, requireMethod } from '~/http/responses.server';
import { createWebhook, listWebhooks } from '~/models/webhooks.server';
import { WebhookSchema } from '~/schemas/notifications';

/**
 * GET /api/v1/webhooks: every webhook with its latest deliveries and whether it is paused (restored without a
 * secret) (exec, em); secrets are never shown again.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    await requireApiPermission(request, context, 'manageWebhooks');
    const webhooks = await listWebhooks(context.db);
    return json({
      webhooks: webhooks.map((webhook) => ({
        id: webhook.id,
        url: webhook.url,
        events: webhook.events,
        createdAt: webhook.created_at,
        paused: webhook.paused,
        deliveries: webhook.deliveries.map((delivery) => ({
          id: delivery.id, event: delivery.event, status: delivery.status, attempts: delivery.attempts, lastAttemptAt: delivery.last_attempt_at,
          lastStatusCode: delivery.last_status_code, lastError: delivery.last_error,
          nextAttemptAt: delivery.status === 'pending' ? delivery.next_attempt_at : null,
        })),
      })),
    });
  });
}

/** POST /api/v1/webhooks: `{url, events}` → 201 `{id, url, events, secret}`, the secret shown this once. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireMethod(request, 'GET', 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'manageWebhooks');
    const input = parseApiBody(WebhookSchema, await readJsonBody(request));
    const webhook = await createWebhook(context.db, {
      ...input, secret: randomWebhookSecret(), allowPrivate: context.allowPrivateWebhooks, actor, now: context.now(), ip: context.clientIp,
    });
    return json(webhook, { status: 201 });
  });
}
