import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import { FieldError, FormErrors, InputField } from '~/components/field';
import { useResettingReply } from '~/components/form-reply';
import { ScrollTable } from '~/components/scroll-table';
import { EVENT_KINDS, EVENT_LABELS } from '~/domain/events';
import { formatDateTime } from '~/domain/format';
import type { WebhookSchema } from '~/schemas/notifications';

type Delivery = {
  id: number; event: string; status: string; attempts: number; last_attempt_at: string | null; last_status_code: number | null;
  last_error: string | null; next_attempt_at: string;
};
type Webhook = { id: number; url: string; events: string[]; created_at: string; paused: boolean; deliveries: Delivery[] };

const DELIVERY_STATUS: Record<string, string> = { pending: 'Waiting', delivered: 'Delivered', failed: 'Failed' };

function WebhookButton({ webhook, intent, label }: { webhook: Webhook; intent: string; label: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="webhookId" value={webhook.id} />
      <button type="submit" className="button-quiet" aria-label={`${label}: ${webhook.url}`}>
        {label}
      </button>
    </Form>
  );
}

function Deliveries({ webhook, timeZone }: { webhook: Webhook; timeZone: string }) {
  if (webhook.deliveries.length === 0) return <p className="notice">No deliveries yet.</p>;
  return (
    <ScrollTable label={`Recent deliveries to ${webhook.url}`}>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col" className="number">Attempts</th>
          <th scope="col">Last try</th>
          <th scope="col">Last error</th>
          <th scope="col">Next try</th>
        </tr>
      </thead>
      <tbody>
        {webhook.deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>{delivery.event}</td>
            <td>{DELIVERY_STATUS[delivery.status]}</td>
            <td className="number">{delivery.attempts}</td>
            <td>{delivery.last_attempt_at ? formatDateTime(delivery.last_attempt_at, timeZone) : '—'}</td>
            <td>{delivery.last_error ?? '—'}</td>
            <td>{delivery.status === 'pending' ? formatDateTime(delivery.next_attempt_at, timeZone) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Settings' webhooks: each with its events and latest deliveries, a test, a new secret and a delete; a form to add one. */
export function WebhooksSection(props: {
  webhooks: Webhook[];
  timeZone: string;
  reply: SubmissionResult<string[]> | undefined;
  secret: string | null;
}) {
  const [form, fields] = useForm<z.input<typeof WebhookSchema>>({ id: 'create-webhook', lastResult: useResettingReply(props.reply) });
  const chosen = new Set(fields.events.initialValue as string[] | undefined);
  return (
    <>
      {props.secret ? (
        <div className="flash" role="status">
          <p>Copy this signing secret now; it will not be shown again. Receivers check X-Strat-Signature with it:</p>
          <p className="secret">{props.secret}</p>
        </div>
      ) : null}
      {props.webhooks.map((webhook) => (
        <section key={webhook.id} className="card" aria-label={`Webhook ${webhook.url}`}>
          <h3 className="secret">{webhook.url}</h3>
          <p className="notice">{`Sends: ${webhook.events.join(', ')}. Added ${formatDateTime(webhook.created_at, props.timeZone)}.`}</p>
          {webhook.paused ? (
            <p className="warning">Paused: it was restored without its secret, so it sends nothing until it is given a new one.</p>
          ) : null}
          <div className="actions">
            {webhook.paused ? null : <WebhookButton webhook={webhook} intent="test-webhook" label="Send a test event" />}
            <WebhookButton webhook={webhook} intent="renew-webhook" label="Give it a new secret" />
            <WebhookButton webhook={webhook} intent="delete-webhook" label="Delete" />
          </div>
          <Deliveries webhook={webhook} timeZone={props.timeZone} />
        </section>
      ))}
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <h3>Add a webhook</h3>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create-webhook" />
        <InputField label="URL (a Slack incoming webhook works as it is)" meta={fields.url} type="url" autoComplete="off" />
        <fieldset aria-describedby={fields.events.errors ? fields.events.errorId : undefined}>
          <legend>Events to send</legend>
          <ul className="checkbox-list">
            {EVENT_KINDS.map((kind) => (
              <li key={kind}>
                <label>
                  <input type="checkbox" name={fields.events.name} value={kind} defaultChecked={chosen.has(kind)} /> {`${EVENT_LABELS[kind]} (${kind})`}
                </label>
              </li>
            ))}
          </ul>
          <FieldError meta={fields.events} />
        </fieldset>
        <button type="submit">Add webhook</button>
      </Form>
    </>
  );
}
