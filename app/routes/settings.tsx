import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { issueApiToken } from '~/auth/api-tokens.server';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { InputField } from '~/components/field';
import { formatDate, formatUsd } from '~/components/format';
import { SETTING_LABELS, type SettingName } from '~/domain/settings';
import { invariantResponse } from '~/http/responses.server';
import { listApiTokens, revokeApiToken } from '~/models/api-tokens.server';
import { recordAudit } from '~/models/audit.server';
import { getSettings } from '~/models/settings.server';
import { ApiTokenActionSchema } from '~/schemas/api-tokens';

export const meta: MetaFunction = () => [{ title: 'Settings · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  return { settings: await getSettings(context.db), tokens: await listApiTokens(context.db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'ownTokens');
  const submission = parseWithZod(await request.formData(), { schema: ApiTokenActionSchema });
  if (submission.status !== 'success') return json({ result: submission.reply(), token: null }, { status: 422 });
  const audit = { actor: user, entityType: 'api_token', ip: context.clientIp };
  const command = submission.value;
  if (command.intent === 'create-token') {
    const issued = await context.db.transaction().execute(async (trx) => {
      const token = await issueApiToken(trx, { userId: user.id, name: command.name });
      await recordAudit(trx, { ...audit, action: 'api_token.created', entityId: token.id, after: { name: token.name } });
      return token;
    });
    return json({ result: submission.reply({ resetForm: true }), token: issued.token }, { status: 201 });
  }
  const tokenId = command.tokenId;
  await context.db.transaction().execute(async (trx) => {
    const revoked = await revokeApiToken(trx, { userId: user.id, tokenId, now: context.now() });
    invariantResponse(revoked, 'No live token of yours has that id.');
    await recordAudit(trx, { ...audit, action: 'api_token.revoked', entityId: revoked.id, before: { name: revoked.name } });
  });
  return json({ result: submission.reply(), token: null });
}

const SETTING_ORDER: SettingName[] = ['acceptancePct', 'dauPct', 'iarrUsd', 'capacity', 'staleWindowDays'];

export default function Settings() {
  const { settings, tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: 'create-token',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiTokenActionSchema }),
  });
  return (
    <>
      <h1>Settings</h1>
      <h2>Thresholds</h2>
      <p className="notice">What a partner must show before the team takes on a new customer. Execs change them here in a coming release.</p>
      <table>
        <tbody>
          {SETTING_ORDER.map((name) => (
            <tr key={name}>
              <th scope="row">{SETTING_LABELS[name]}</th>
              <td className="number">{name === 'iarrUsd' ? formatUsd(settings[name]) : settings[name]}</td>
            </tr>
          ))}
        </tbody>
      </table>

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
        <table>
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
        </table>
      ) : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
