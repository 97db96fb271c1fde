import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import type { AssignLeadFormSchema, PartnershipExitFormSchema } from '~/schemas/partnerships';
import { FieldError, FormErrors, InputField, SelectField, TextareaField } from '../field';
import { useIntentReply } from './intent-reply';

/** An active partnership's lead engineer, hand-off and end. */
export function PartnershipForms({
  customer,
  leads,
  today,
}: {
  customer: { slug: string; version: number; leadEngineer: { email: string } | null };
  leads: { email: string; name: string; role: string }[];
  today: string;
}) {
  const [leadForm, leadFields] = useForm<z.input<typeof AssignLeadFormSchema>>({
    id: 'assign-lead',
    lastResult: useIntentReply('assign-lead'),
    defaultValue: { email: customer.leadEngineer?.email ?? '' },
  });
  const [handOffForm, handOffFields] = useForm<z.input<typeof PartnershipExitFormSchema>>({
    id: 'hand-off',
    lastResult: useIntentReply('hand-off'),
    defaultValue: { exitedOn: today },
  });
  const [endForm, endFields] = useForm<z.input<typeof PartnershipExitFormSchema>>({
    id: 'end',
    lastResult: useIntentReply('end'),
    defaultValue: { exitedOn: today },
  });
  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">Manage the partnership</h2>
      <Form method="post" className="inline" {...getFormProps(leadForm)}>
        <FormErrors id={leadForm.errorId} errors={leadForm.errors} />
        <input type="hidden" name="intent" value="assign-lead" />
        <input type="hidden" name="slug" value={customer.slug} />
        <input type="hidden" name="version" value={customer.version} />
        <SelectField
          label="Lead engineer"
          meta={leadFields.email}
          options={leads.map((lead) => ({ value: lead.email, label: `${lead.name} (${lead.role})` }))}
          placeholder="Choose…"
        />
        <button type="submit">Assign</button>
      </Form>
      <div className="columns">
          <Form method="post" className="stack" {...getFormProps(handOffForm)}>
            <h3>Hand off</h3>
            <FormErrors id={handOffForm.errorId} errors={handOffForm.errors} />
            <input type="hidden" name="intent" value="hand-off" />
            <input type="hidden" name="version" value={customer.version} />
            <InputField label="Receiving team" meta={handOffFields.receivingTeam} />
            <TextareaField label="Exit notes" meta={handOffFields.exitNotes} />
            <InputField label="Handed off on" meta={handOffFields.exitedOn} type="date" />
            <button type="submit">Hand off</button>
          </Form>
          <Form method="post" className="stack" {...getFormProps(endForm)}>
            <h3>End the partnership</h3>
            <FormErrors id={endForm.errorId} errors={endForm.errors} />
            <input type="hidden" name="intent" value="end" />
            <input type="hidden" name="version" value={customer.version} />
            <TextareaField label="Exit notes" meta={endFields.exitNotes} />
            <InputField label="Ended on" meta={endFields.exitedOn} type="date" />
            <div>
              <label>
                <input {...getInputProps(endFields.confirmEnd, { type: 'checkbox' })} required /> I understand that an ended
                partnership cannot be reopened
              </label>
              <FieldError meta={endFields.confirmEnd} />
            </div>
            <button type="submit" className="button-danger">End partnership</button>
          </Form>
      </div>
    </section>
  );
}
