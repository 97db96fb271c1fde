import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { getZodConstraint } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { forbidden, requirePermission } from '~/auth/guards.server';
import { createUserAccount, setUserPassword } from '~/auth/user-accounts.server';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply, FormErrors, InputField, SelectField } from '~/components/field';
import { formatDate } from '~/domain/format';
import { useResettingReply } from '~/components/form-reply';
import { AppError } from '~/domain/app-error';
import { canAssignRole, ROLE_LABELS, ROLES, type Role } from '~/domain/roles';
import { redirectWithFlash } from '~/http/flash.server';
import { invariantResponse } from '~/http/responses.server';
import { recordAudit } from '~/models/audit.server';
import { changeUserRole, disableUser, enableUser, findUserById, listUsers } from '~/models/users.server';
import { CreateUserSchema, UserActionSchema } from '~/schemas/users';
import { readForm } from '~/http/forms.server';
import { parseForm } from '~/schemas/parse-form';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Users · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'manageUsers');
  const users = await listUsers(context.db);
  return {
    users,
    assignableRoles: ROLES.filter((role) => canAssignRole(user.role, role)),
    currentUserId: user.id,
  };
}

const REPLY_OPTIONS = { hideFields: ['password'] };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, 'manageUsers');
  const submission = parseForm(await readForm(request), UserActionSchema);
  if (submission.status !== 'success') return json(submission.reply(REPLY_OPTIONS), { status: 422 });
  const command = submission.value;
  const by = { actor, ip: context.clientIp };
  const audit = { ...by, entityType: 'user' };
  try {
    if (command.intent === 'create') {
      if (!canAssignRole(actor.role, command.role)) throw await forbidden(request, context, actor, 'create an exec');
      await createUserAccount(context.db, { ...command, by });
      return redirectWithFlash('/users', `${command.email} can now sign in.`, context);
    }
    const target = await findUserById(context.db, command.userId);
    invariantResponse(target, 'No such user.');
    const { version } = command;
    switch (command.intent) {
      case 'change-role':
        if (!canAssignRole(actor.role, command.role, target.role)) {
          throw await forbidden(request, context, actor, "change an exec's role or make an exec");
        }
        await context.db.transaction().execute(async (trx) => {
          const changed = await changeUserRole(trx, { id: target.id, role: command.role, version });
          await recordAudit(trx, { ...audit, action: 'user.role_changed', entityId: target.id, before: { role: target.role }, after: { role: changed.role } });
        });
        return redirectWithFlash('/users', `${target.email}'s role is now ${ROLE_LABELS[command.role]}.`, context);
      case 'disable':
        if (!canAssignRole(actor.role, target.role, target.role)) throw await forbidden(request, context, actor, 'disable an exec');
        if (target.id === actor.id) {
          return json(submission.reply({ formErrors: ['You cannot disable yourself: ask another exec or EM.'] }), { status: 422 });
        }
        await context.db.transaction().execute(async (trx) => {
          await disableUser(trx, { id: target.id, version, now: context.now() });
          await recordAudit(trx, { ...audit, action: 'user.disabled', entityId: target.id, before: { email: target.email } });
        });
        return redirectWithFlash('/users', `${target.email} is disabled: their sessions and tokens have stopped.`, context);
      case 'enable':
        if (!canAssignRole(actor.role, target.role, target.role)) throw await forbidden(request, context, actor, 'enable an exec');
        await context.db.transaction().execute(async (trx) => {
          await enableUser(trx, { id: target.id, version });
          await recordAudit(trx, { ...audit, action: 'user.enabled', entityId: target.id, after: { email: target.email } });
        });
        return redirectWithFlash('/users', `${target.email} is enabled again and can sign in.`, context);
      case 'set-password':
        if (!canAssignRole(actor.role, target.role, target.role)) throw await forbidden(request, context, actor, "set an exec's password");
        await setUserPassword(context.db, { id: target.id, version, password: command.password, by });
        return redirectWithFlash('/users', `${target.email} has a new password; their sessions have ended.`, context);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json(submission.reply({ ...REPLY_OPTIONS, ...appErrorReply(error, submission.payload) }), { status: error.status });
  }
}

function roleOptions(roles: readonly Role[]) {
  return roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
}

export default function Users() {
  const { users, assignableRoles, currentUserId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const creating = lastResult?.initialValue?.intent === 'create';
  const [form, fields] = useForm<z.input<typeof CreateUserSchema>>({
    id: 'create-user',
    lastResult: useResettingReply(creating ? lastResult : undefined),
    constraint: getZodConstraint(CreateUserSchema),
    defaultValue: { role: 'viewer' },
  });
  // A row's refusal (the last exec, a short new password) shows above the table.
  const rowError = !creating && (lastResult?.error?.[''] ?? lastResult?.error?.password);
  return (
    <>
      <h1>Users</h1>
      <FormErrors id="user-row-errors" errors={rowError || undefined} />
      <ScrollTable label="Users">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const manageable = assignableRoles.includes(user.role);
            const editable = !user.disabled_at && manageable;
            const rowForm = (intent: string) => (
              <>
                <input type="hidden" name="intent" value={intent} />
                <input type="hidden" name="userId" value={user.id} />
                <input type="hidden" name="version" value={user.version} />
              </>
            );
            const rowButton = (intent: string, label: string, className: string) => (
              <Form method="post" className="inline">
                {rowForm(intent)}
                <button type="submit" className={className} aria-label={`${label} ${user.name}`}>
                  {label}
                </button>
              </Form>
            );
            return (
              <tr key={user.id}>
                <th scope="row">{user.name}</th>
                <td>{user.email}</td>
                <td>
                  {editable ? (
                    <Form method="post" className="inline">
                      {rowForm('change-role')}
                      <select name="role" defaultValue={user.role} aria-label={`Role of ${user.name}`}>
                        {roleOptions(assignableRoles).map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button-quiet">
                        Change role
                      </button>
                    </Form>
                  ) : (
                    ROLE_LABELS[user.role]
                  )}
                </td>
                <td>
                  {user.disabled_at ? (
                    <>
                      {`Disabled ${formatDate(user.disabled_at)}`}
                      {manageable ? rowButton('enable', 'Enable', 'button-quiet') : null}
                    </>
                  ) : editable && user.id !== currentUserId ? (
                    rowButton('disable', 'Disable', 'button-danger')
                  ) : (
                    'Active'
                  )}
                </td>
                <td>
                  {manageable ? (
                    <Form method="post" className="inline">
                      {rowForm('set-password')}
                      <input
                        type="password"
                        name="password"
                        autoComplete="new-password"
                        minLength={12}
                        aria-label={`New password for ${user.name}`}
                      />
                      <button type="submit" className="button-quiet">
                        Set password
                      </button>
                    </Form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>

      <h2>Add a user</h2>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="create" />
          <InputField label="Name" meta={fields.name} autoComplete="off" />
          <InputField label="Email" meta={fields.email} type="email" autoComplete="off" />
          <SelectField label="Role" meta={fields.role} options={roleOptions(assignableRoles)} />
          <InputField label="Initial password (at least 12 characters)" meta={fields.password} type="password" autoComplete="new-password" />
          <button type="submit">Add user</button>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
