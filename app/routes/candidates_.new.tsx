import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { CandidateFields } from '~/components/candidate-fields';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply, FormErrors } from '~/components/field';
import { AppError } from '~/domain/app-error';
import { redirectWithFlash } from '~/http/flash.server';
import { createCandidate } from '~/models/candidates.server';
import { answersOf, CandidateFormSchema } from '~/schemas/candidates';
import { readForm } from '~/http/forms.server';
import { parseForm } from '~/schemas/parse-form';

export const meta: MetaFunction = () => [{ title: 'Add a candidate · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'editCandidates');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, 'editCandidates');
  const submission = parseForm(await readForm(request), CandidateFormSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 422 });
  try {
    const customer = await createCandidate(context.db, {
      ...submission.value, answers: answersOf(submission.value), actor, now: context.now(), ip: context.clientIp,
    });
    return redirectWithFlash(`/customers/${customer.slug}`, `${customer.name} is added as a candidate.`, context);
  } catch (error) {
    if (error instanceof AppError) return json(submission.reply(appErrorReply(error, submission.payload)), { status: error.status });
    throw error;
  }
}

export default function NewCandidate() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CandidateFormSchema>>({
    // A fixed id: a generated one can differ between server and browser and detach the fields.
    id: 'new-candidate',
    lastResult,
  });
  return (
    <>
      <h1>Add a candidate</h1>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <CandidateFields fields={fields} />
          <button type="submit">Add candidate</button>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
