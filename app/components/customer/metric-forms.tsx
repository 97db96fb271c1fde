import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import type { IarrFormSchema, SnapshotFormSchema } from '~/schemas/metrics';
import { FieldError, FormErrors, InputField, SelectField } from '../field';
import { useIntentRefusal, useIntentReply } from './intent-reply';

/** A week's snapshot; a week already recorded is replaced only when the user ticks the box the warning shows. */
export function SnapshotForm({ currentWeek, recordedWeeks }: { currentWeek: string; recordedWeeks: string[] }) {
  const lastResult = useIntentReply('record-snapshot');
  const [form, fields] = useForm<z.input<typeof SnapshotFormSchema>>({
    id: 'record-snapshot',
    lastResult,
    defaultValue: { weekStart: currentWeek },
  });
  const typedWeek = String(lastResult?.initialValue?.weekStart ?? currentWeek);
  const weekRecordedMeanwhile = useIntentRefusal('record-snapshot') === 'week_recorded';
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <h3 id="record-week">Record a week</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="record-snapshot" />
      <InputField label="Week starting (a Monday)" meta={fields.weekStart} type="date" />
      <InputField label="Completions shown" meta={fields.completionsShown} type="number" min={0} />
      <InputField label="Completions accepted" meta={fields.completionsAccepted} type="number" min={0} />
      <InputField label="Daily active users (DAU)" meta={fields.dau} type="number" min={0} />
      <InputField label="Available developers" meta={fields.availableDevelopers} type="number" min={1} />
      {recordedWeeks.includes(typedWeek) || weekRecordedMeanwhile ? (
        <div>
          <label>
            <input {...getInputProps(fields.replace, { type: 'checkbox' })} /> Replace the recorded week
          </label>
          <FieldError meta={fields.replace} />
        </div>
      ) : null}
      <button type="submit">Save the week</button>
    </Form>
  );
}

const KIND_OPTIONS = [
  { value: 'expansion', label: 'Expansion' },
  { value: 'net_new', label: 'Net new' },
];

/** One iARR booking; one in the future is kept and counts once its date comes. */
export function IarrForm({ today }: { today: string }) {
  const [form, fields] = useForm<z.input<typeof IarrFormSchema>>({
    id: 'add-iarr',
    lastResult: useIntentReply('add-iarr'),
    defaultValue: { bookedOn: today },
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <h3>Book iARR</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-iarr" />
      <InputField label="Booked on" meta={fields.bookedOn} type="date" />
      <InputField label="Amount (whole USD)" meta={fields.amountUsd} type="number" min={1} />
      <SelectField label="Kind" meta={fields.kind} options={KIND_OPTIONS} placeholder="Choose…" />
      <InputField label="Note" meta={fields.note} />
      <button type="submit">Book</button>
    </Form>
  );
}
