import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { getZodConstraint } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { getUser } from '~/auth/guards.server';
import { safeRedirect } from '~/auth/safe-redirect';
import { startSession } from '~/auth/session.server';
import { attemptSignIn } from '~/auth/sign-in.server';
import { ErrorPage } from '~/components/error-page';
import { FormErrors, InputField } from '~/components/field';
import { SignInSchema } from '~/schemas/sign-in';
import { readForm } from '~/http/forms.server';
import { parseForm } from '~/schemas/parse-form';

export const meta: MetaFunction = () => [{ title: 'Sign in · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw redirect('/');
  return null;
}

const REPLY_OPTIONS = { hideFields: ['password'] };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), SignInSchema);
  if (submission.status !== 'success') return json(submission.reply(REPLY_OPTIONS), { status: 422 });
  const result = await attemptSignIn(context, submission.value);
  if (result.outcome === 'throttled') {
    const formErrors = ['Too many failed sign-ins. Wait 15 minutes, then try again.'];
    return json(submission.reply({ ...REPLY_OPTIONS, formErrors }), { status: 429 });
  }
  if (result.outcome !== 'signed_in') {
    return json(submission.reply({ ...REPLY_OPTIONS, formErrors: ['Email or password is incorrect.'] }), { status: 401 });
  }
  const cookie = await startSession(context, result.user.id);
  return redirect(safeRedirect(submission.value.redirectTo), { headers: { 'Set-Cookie': cookie } });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof SignInSchema>>({
    // A fixed id: a generated one can differ between server and browser and detach the fields.
    id: 'sign-in',
    lastResult,
    constraint: getZodConstraint(SignInSchema),
  });
  return (
    <div className="sign-in">
      <h1>Sign in to Strat Tracker</h1>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
          <InputField label="Email" meta={fields.email} type="email" autoComplete="username" />
          <InputField label="Password" meta={fields.password} type="password" autoComplete="current-password" />
          <button type="submit" disabled={navigation.state === 'submitting'}>
            Sign in
          </button>
        </Form>
      </div>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
