import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { json, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { issueApiToken } from '~/auth/api-tokens.server';
import { randomWebhookSecret } from '~/auth/secrets.server';
import { NotificationChoices } from '~/components/settings/notification-choices';
import { WebhooksSection } from '~/components/settings/webhooks';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply, FormErrors, InputField } from '~/components/field';
import { AppError } from '~/domain/app-error';
import { kindsReceivedBy } from '~/domain/events';
import { can } from '~/domain/roles';
import { formatDate, formatUsd } from '~/domain/format';
import { useResettingReply } from '~/components/form-reply';
import { SETTING_LABELS, SETTING_NAMES, TEAM_TIME_ZONE_KEY, TEAM_TIME_ZONE_LABEL, type SettingName } from '~/domain/settings';
import { redirectWithFlash } from '~/http/flash.server';
import { invariantResponse, plainResponse } from '~/http/responses.server';
import { listApiTokens, revokeApiToken } from '~/models/api-tokens.server';
import { recordAudit, type Audited } from '~/models/audit.server';
import { listNotificationChoices, setMutedKinds } from '~/models/notifications.server';
import { changeSettings, changeTeamTimeZone, getSettings, listSettingChanges, settingsVersion } from '~/models/settings.server';
import { createWebhook, deleteWebhook, listWebhooks, renewWebhookSecret, sendTestEvent } from '~/models/webhooks.server';
import { MuteFormSchema, WebhookActionSchema } from '~/schemas/notifications';
import { ApiTokenActionSchema, type CreateApiTokenSchema } from '~/schemas/api-tokens';
import { SettingsFormSchema, TimeZoneFormSchema } from '~/schemas/settings';
import type { z } from 'zod';
import { readForm } from '~/http/forms.server';
import { teamToday } from '~/http/team-date.server';
import { parseForm } from '~/schemas/parse-form';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Settings · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  return {
    settings: await getSettings(context.db),
    teamTimeZone: context.teamTimezone,
    defaultTeamTimeZone: context.defaultTeamTimezone,
    version: await settingsVersion(context.db),
    history: await listSettingChanges(context.db),
    tokens: await listApiTokens(context.db, user.id),
    canChange: can(user.role, 'changeSettings'),
    notificationChoices: await listNotificationChoices(context.db, user),
    webhooks: can(user.role, 'manageWebhooks') ? await listWebhooks(context.db) : null,
    canExport: can(user.role, 'exportEverything'),
  };
}

/** What an action answers with: its form's reply, and a secret to show once when it made one. */
const answer = (result: SubmissionResult<string[]>, init?: { status: number }, shown: { token?: string; webhookSecret?: string } = {}) =>
  json({ result, token: shown.token ?? null, webhookSecret: shown.webhookSecret ?? null }, init);

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData.get('intent') === 'change-settings') return changeThresholds(request, context, formData);
  if (formData.get('intent') === 'change-time-zone') return changeTimeZone(request, context, formData);
  if (formData.get('intent') === 'mute-events') return muteEvents(request, context, formData);
  if (String(formData.get('intent')).endsWith('-webhook')) return manageWebhook(request, context, formData);
  const user = await requirePermission(request, context, 'ownTokens');
  const submission = parseForm(formData, ApiTokenActionSchema);
  if (submission.status !== 'success') return answer(submission.reply(), { status: 422 });
  const audit = { actor: user, entityType: 'api_token', ip: context.clientIp };
  const command = submission.value;
  if (command.intent === 'create-token') {
    const issued = await issueApiToken(context.db, { userId: user.id, name: command.name, by: { actor: user, ip: context.clientIp } });
    return answer(submission.reply({ resetForm: true }), { status: 201 }, { token: issued.token });
  }
  const tokenId = command.tokenId;
  await context.db.transaction().execute(async (trx) => {
    const revoked = await revokeApiToken(trx, { userId: user.id, tokenId, now: context.now() });
    invariantResponse(revoked, 'No live token of yours has that id.');
    await recordAudit(trx, { ...audit, action: 'api_token.revoked', entityId: revoked.id, before: { name: revoked.name } });
  });
  return answer(submission.reply());
}

/** Anyone's choice of the notification kinds they get. */
async function muteEvents(request: Request, context: AppLoadContext, formData: FormData) {
  const user = await requirePermission(request, context, 'ownNotifications');
  const submission = parseForm(formData, MuteFormSchema);
  if (submission.status !== 'success') return answer(submission.reply(), { status: 422 });
  const kept = new Set(submission.value.notify);
  const muted = kindsReceivedBy(user.role).filter((kind) => !kept.has(kind));
  await setMutedKinds(context.db, { muted, actor: user, now: context.now(), ip: context.clientIp });
  return redirectWithFlash('/settings#notifications', 'Notifications saved.', context);
}

/** An exec's or EM's webhooks: add one or give one a new secret (shown once), send it a test event, delete it. */
async function manageWebhook(request: Request, context: AppLoadContext, formData: FormData) {
  const actor = await requirePermission(request, context, 'manageWebhooks');
  const submission = parseForm(formData, WebhookActionSchema);
  if (submission.status !== 'success') return answer(submission.reply(), { status: 422 });
  const command = submission.value;
  const audited = { actor, now: context.now(), ip: context.clientIp };
  if (command.intent === 'create-webhook') {
    try {
      const webhook = await createWebhook(context.db, {
        url: command.url, events: command.events, secret: randomWebhookSecret(), allowPrivate: context.allowPrivateWebhooks, ...audited,
      });
      return answer(submission.reply({ resetForm: true }), { status: 201 }, { webhookSecret: webhook.secret });
    } catch (error) {
      if (error instanceof AppError) return answer(submission.reply(appErrorReply(error, submission.payload)), { status: error.status });
      throw error;
    }
  }
  if (command.intent === 'renew-webhook') {
    const renewed = await renewWebhookSecret(context.db, { id: command.webhookId, secret: randomWebhookSecret(), ...audited });
    invariantResponse(renewed, 'No webhook has that id: reload the page.');
    return answer(submission.reply(), undefined, { webhookSecret: renewed.secret });
  }
  if (command.intent === 'test-webhook') {
    // A paused webhook offers no test: only a page from before the restore posts one.
    const queued = await sendTestEvent(context.db, { id: command.webhookId, ...audited }).catch((error: unknown) => {
      if (error instanceof AppError) throw plainResponse(error.message, error.status);
      throw error;
    });
    invariantResponse(queued, 'No webhook has that id: reload the page.');
    return redirectWithFlash('/settings#webhooks', 'Test event queued: see its delivery below.', context);
  }
  invariantResponse(await deleteWebhook(context.db, { id: command.webhookId, ...audited }), 'No webhook has that id: reload the page.');
  return redirectWithFlash('/settings#webhooks', 'Webhook deleted.', context);
}

/** An exec's change of settings: the form parsed by its schema, the change made, the page again with a message. */
async function changeSettingsWith<Schema extends z.ZodType<{ version: number }>>(
  request: Request,
  context: AppLoadContext,
  formData: FormData,
  schema: Schema,
  change: (value: z.infer<Schema>, audited: Audited) => Promise<unknown>,
  done: (value: z.infer<Schema>) => string,
) {
  const actor = await requirePermission(request, context, 'changeSettings');
  const submission = parseForm(formData, schema);
  if (submission.status !== 'success') return answer(submission.reply(), { status: 422 });
  try {
    await change(submission.value, { actor, now: context.now(), ip: context.clientIp });
  } catch (error) {
    if (error instanceof AppError) return answer(submission.reply(appErrorReply(error, submission.payload)), { status: error.status });
    throw error;
  }
  return redirectWithFlash('/settings', done(submission.value), context);
}

const changeThresholds = (request: Request, context: AppLoadContext, formData: FormData) =>
  changeSettingsWith(
    request, context, formData, SettingsFormSchema,
    ({ version, ...values }, audited) => changeSettings(context.db, { values, version, today: teamToday(context), ...audited }),
    () => 'Settings saved.',
  );

const changeTimeZone = (request: Request, context: AppLoadContext, formData: FormData) =>
  changeSettingsWith(
    request, context, formData, TimeZoneFormSchema,
    ({ teamTimeZone, version }, audited) =>
      changeTeamTimeZone(context.db, { timeZone: teamTimeZone, fallback: context.defaultTeamTimezone, version, today: teamToday(context), ...audited }),
    ({ teamTimeZone }) => `The team time zone is ${teamTimeZone}.`,
  );

const SETTING_ORDER: SettingName[] = ['acceptancePct', 'dauPct', 'iarrUsd', 'capacity', 'staleWindowDays'];

export default function Settings() {
  const { settings, teamTimeZone, defaultTeamTimeZone, version, history, tokens, canChange, notificationChoices, webhooks, canExport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyTo = (intent: string) => (actionData?.result.initialValue?.intent === intent ? actionData.result : undefined);
  const settingsReply = replyTo('change-settings');
  const timeZoneReply = replyTo('change-time-zone');
  const webhookReply = replyTo('create-webhook');
  const [timeZoneForm, timeZoneFields] = useForm<z.input<typeof TimeZoneFormSchema>>({
    id: 'change-time-zone',
    lastResult: useResettingReply(timeZoneReply),
    defaultValue: { teamTimeZone },
  });
  const [settingsForm, settingsFields] = useForm<z.input<typeof SettingsFormSchema>>({
    id: 'change-settings',
    lastResult: useResettingReply(settingsReply),
    defaultValue: settings,
  });
  const [form, fields] = useForm<z.input<typeof CreateApiTokenSchema>>({
    id: 'create-token',
    lastResult: useResettingReply(replyTo('create-token')),
  });
  return (
    <>
      <h1>Settings</h1>
      <h2>Thresholds</h2>
      <p className="notice">What every active partner must show before the team takes on a new customer.</p>
      {canChange ? (
        <div className="card">
          <Form method="post" className="stack" {...getFormProps(settingsForm)}>
            <FormErrors id={settingsForm.errorId} errors={settingsForm.errors} />
            <input type="hidden" name="intent" value="change-settings" />
            <input type="hidden" name="version" value={version} />
            {SETTING_ORDER.map((name) => (
              <InputField key={name} label={SETTING_LABELS[name]} meta={settingsFields[name]} type="number" step="any" />
            ))}
            <button type="submit">Save thresholds</button>
          </Form>
        </div>
      ) : (
        <ScrollTable label="Current settings">
          <tbody>
            {SETTING_ORDER.map((name) => (
              <tr key={name}>
                <th scope="row">{SETTING_LABELS[name]}</th>
                <td className="number">{name === 'iarrUsd' ? formatUsd(settings[name]) : settings[name]}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2>Team time zone</h2>
      <p className="notice">
        {`Today, the weeks and the Friday deadline of the weekly update follow this zone${
          teamTimeZone === defaultTeamTimeZone ? '' : ` (the server's default is ${defaultTeamTimeZone})`
        }.`}
      </p>
      {canChange ? (
        <div className="card">
          <Form method="post" className="inline" {...getFormProps(timeZoneForm)}>
            <FormErrors id={timeZoneForm.errorId} errors={timeZoneForm.errors} />
            <input type="hidden" name="intent" value="change-time-zone" />
            <input type="hidden" name="version" value={version} />
            <InputField label="IANA time zone" meta={timeZoneFields.teamTimeZone} autoComplete="off" spellCheck={false} />
            <button type="submit">Save the time zone</button>
          </Form>
        </div>
      ) : (
        <p>
          <strong>{teamTimeZone}</strong>
        </p>
      )}
      <h2>Changes</h2>
      {history.length === 0 ? (
        <p className="notice">The defaults apply: nobody has changed a setting yet.</p>
      ) : (
        <ScrollTable label="Setting changes">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Setting</th>
              <th scope="col" className="number">New value</th>
            </tr>
          </thead>
          <tbody>
            {history.map((change) => (
              <tr key={change.id}>
                <td>{change.changed_at.slice(0, 16).replace('T', ' ')}</td>
                <td>{change.changed_by_name ?? 'system'}</td>
                <td>{change.key === TEAM_TIME_ZONE_KEY ? TEAM_TIME_ZONE_LABEL : SETTING_LABELS[SETTING_NAMES[change.key]]}</td>
                <td className="number">{change.key === TEAM_TIME_ZONE_KEY ? change.text_value : Number(change.value)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h2 id="notifications">Your notifications</h2>
      <p className="notice">What reaches your inbox (and the count in the header). Untick what you do not want to hear about.</p>
      <NotificationChoices choices={notificationChoices} />

      {webhooks ? (
        <>
          <h2 id="webhooks">Webhooks</h2>
          <p className="notice">
            Each chosen event is posted as JSON, signed with the webhook’s secret (X-Strat-Signature), and retried while the receiver
            fails.
          </p>
          <WebhooksSection webhooks={webhooks} timeZone={teamTimeZone} reply={webhookReply} secret={actionData?.webhookSecret ?? null} />
        </>
      ) : null}

      {canExport ? (
        <>
          <h2 id="export">Export everything</h2>
          <p className="notice">
            Every stored row as one JSON file — without passwords, API tokens, sessions or webhook secrets — for a backup, or to move
            to another database with <code>npm run db:restore -- FILE</code>.
          </p>
          <p>
            <a href="/api/v1/export" className="button" download>Download the export</a>
          </p>
        </>
      ) : null}

      <h2>Your API tokens</h2>
      <p className="notice">A token acts with your role on <code>/api/v1</code>. It is shown once, when made.</p>
      {actionData?.token ? (
        <div className="flash" role="status">
          <p>Copy this token now; it will not be shown again:</p>
          <p className="secret">{actionData.token}</p>
        </div>
      ) : null}
      <Form method="post" className="inline" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create-token" />
        <InputField label="Token name" meta={fields.name} />
        <button type="submit">Create token</button>
      </Form>
      {tokens.length > 0 ? (
        <ScrollTable label="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{formatDate(token.created_at)}</td>
                <td>{formatDate(token.last_used_at)}</td>
                <td>
                  {token.revoked_at ? (
                    `Revoked ${formatDate(token.revoked_at)}`
                  ) : (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="revoke-token" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button type="submit" className="button-quiet" aria-label={`Revoke token ${token.name}`}>
                        Revoke
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
