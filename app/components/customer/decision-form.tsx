import { getFormProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import type { Decision, Stage } from '~/domain/lifecycle';
import type { DecisionFormSchema } from '~/schemas/decisions';
import { FormErrors, SelectField, TextareaField } from '../field';
import { useIntentReply } from './intent-reply';

const DECISION_OPTIONS: Partial<Record<Stage, { value: Decision; label: string }[]>> = {
  candidate: [
    { value: 'approve', label: 'Approve: becomes a partner' },
    { value: 'reject', label: 'Reject' },
    { value: 'defer', label: 'Defer: decide later' },
  ],
  rejected: [{ value: 'reconsider', label: 'Reconsider: back to candidate' }],
};

/** An exec's decision on a candidate (or a rejected customer), with the override field while the gate is closed. */
export function DecisionForm({ customer, gateOpen }: { customer: { stage: Stage; version: number }; gateOpen: boolean }) {
  const [form, fields] = useForm<z.input<typeof DecisionFormSchema>>({ id: 'decide', lastResult: useIntentReply('decide') });
  const options = DECISION_OPTIONS[customer.stage];
  if (!options) return null;
  return (
    <section className="card" aria-labelledby="decide-title">
      <h2 id="decide-title">Decide</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="version" value={customer.version} />
        <SelectField label="Decision" meta={fields.decision} options={options} placeholder="Choose…" />
        <TextareaField label="Rationale" meta={fields.rationale} />
        {customer.stage === 'candidate' && !gateOpen ? (
          <TextareaField
            label="Override justification (at least 20 characters; needed to approve while the intake gate is closed)"
            meta={fields.overrideJustification}
          />
        ) : null}
        <button type="submit">Record decision</button>
      </Form>
    </section>
  );
}
