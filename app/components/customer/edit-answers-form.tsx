import { getFormProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import type { FrameworkAnswers } from '~/domain/framework';
import type { EditAnswersFormSchema } from '~/schemas/candidates';
import { CandidateFields } from '../candidate-fields';
import { FormErrors } from '../field';
import { useIntentReply } from './intent-reply';

const yesNo = (answer: boolean | undefined) => (answer === undefined ? '' : answer ? 'yes' : 'no');

/** The framework answers and notes of a customer, editable from the version shown. */
export function EditAnswersForm({
  customer,
  answers,
}: {
  customer: { name: string; notes: string; version: number };
  answers: FrameworkAnswers | null;
}) {
  const [form, fields] = useForm<z.input<typeof EditAnswersFormSchema>>({
    id: 'edit-answers',
    lastResult: useIntentReply('edit-answers'),
    defaultValue: {
      name: customer.name,
      notes: customer.notes,
      relatedMarket: answers?.relatedMarket ?? '',
      strategicSegment: yesNo(answers?.strategicSegment),
      coMarket: answers?.coMarket ?? '',
      newIndustry: yesNo(answers?.newIndustry),
      visionAlignment: answers?.visionAlignment ?? '',
    },
  });
  return (
    <details className="card" open={Boolean(form.errors || Object.values(fields).some((field) => field.errors))}>
      <summary>Edit the framework answers</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="edit-answers" />
        <input type="hidden" name="version" value={customer.version} />
        <CandidateFields fields={fields} />
        <button type="submit">Save answers</button>
      </Form>
    </details>
  );
}
