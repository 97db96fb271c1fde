import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { getZodConstraint } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
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

/** Why a sign-in with the identity provider ended here, in words (the callback names the reason). */
const SSO_REFUSALS: Record<string, string> = {
  unavailable: 'Single sign-on is unavailable: the identity provider could not be reached. Try again in a moment.',
  misconfigured: 'Single sign-on is not set up right: the identity provider refused this app. Tell whoever runs Strat Tracker.',
  denied: 'The identity provider did not sign you in.',
  rejected: 'The identity provider’s answer did not match the sign-in begun here, so it was refused. Sign in again.',
  expired: 'That sign-in was begun in another browser, was used already, or took over 10 minutes. Sign in again.',
  unverified: 'Your identity provider has not verified your email address, so it cannot sign you in here.',
  unknown: 'No Strat Tracker user has your email address: ask an exec or an engineering manager to add you.',
  disabled: 'Your Strat Tracker account is disabled: ask an exec or an engineering manager.',
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw redirect('/');
  const reason = new URL(request.url).searchParams.get('sso');
  const ssoRefusal = reason !== null && Object.hasOwn(SSO_REFUSALS, reason) ? SSO_REFUSALS[reason]! : null;
  return { sso: context.sso !== null, passwordLogin: context.passwordLogin, ssoRefusal };
}

const REPLY_OPTIONS = { hideFields: ['password'] };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), SignInSchema);
  if (!context.passwordLogin) {
    return json(submission.reply({ ...REPLY_OPTIONS, formErrors: ['Sign-in with a password is turned off: sign in with SSO.'] }), { status: 403 });
  }
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
  const { sso, passwordLogin, ssoRefusal } = useLoaderData<typeof loader>();
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
      {sso ? (
        <div className="card stack">
          {ssoRefusal ? (
            <p className="form-error" role="alert">
              {ssoRefusal}
            </p>
          ) : null}
          <p>
            <a className="button" href={`/auth/oidc?redirectTo=${encodeURIComponent(searchParams.get('redirectTo') ?? '/')}`}>Sign in with SSO</a>
          </p>
          <p className="notice">With your company account.</p>
        </div>
      ) : null}
      {passwordLogin ? (
        <div className="card">
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
            <InputField label="Email" meta={fields.email} type="email" autoComplete="username" />
            <InputField label="Password" meta={fields.password} type="password" autoComplete="current-password" />
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {sso ? 'Sign in with a password' : 'Sign in'}
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
