import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import { countOf, formatPct } from '~/domain/format';
import { OBJECTIVE_STATUS_LABELS, OBJECTIVE_STATUSES, planProgress, type ObjectiveStatus } from '~/domain/success-plan';
import type { AddObjectiveFormSchema } from '~/schemas/objectives';
import { FormErrors, InputField, SelectField, TextareaField } from '../field';
import { useIntentReply } from './intent-reply';

export type Objective = {
  id: number; version: number; title: string; owner: { email: string; name: string } | null; dueOn: string; status: ObjectiveStatus;
  links: string[]; notes: string; doneOn: string | null; overdue: boolean;
};
type Owner = { email: string; name: string };

const STATUS_OPTIONS = OBJECTIVE_STATUSES.map((status) => ({ value: status, label: OBJECTIVE_STATUS_LABELS[status] }));

/** The plan's progress in words: done of all but the dropped. */
export function planProgressText(objectives: Objective[]): string {
  const progress = planProgress(objectives);
  return progress.counted === 0 ? 'No objectives yet.' : `${progress.done} of ${countOf(progress.counted, 'objective')} done (${formatPct(progress.pct)}); dropped ones do not count.`;
}

/** One objective in a line: title, status, due date (marked when overdue) and owner. */
export function ObjectiveLine({ objective }: { objective: Objective }) {
  return (
    <>
      <strong>{objective.title}</strong> · {OBJECTIVE_STATUS_LABELS[objective.status]}
      {objective.doneOn ? ` on ${objective.doneOn}` : ''} · due {objective.dueOn}
      {objective.overdue ? <strong className="overdue"> (overdue)</strong> : null} · {objective.owner ? objective.owner.name : 'no owner yet'}
    </>
  );
}

/** The fields of an objective's form: adding one, or editing one (then with its id and version). */
function ObjectiveForm({ id, objective, owners, reply, today }: { id: string; objective?: Objective; owners: Owner[]; reply: SubmissionResult<string[]> | undefined; today: string }) {
  const [form, fields] = useForm<z.input<typeof AddObjectiveFormSchema>>({
    id,
    lastResult: reply,
    defaultValue: objective
      ? { title: objective.title, ownerEmail: objective.owner?.email ?? '', dueOn: objective.dueOn, status: objective.status, links: objective.links.join('\n'), notes: objective.notes }
      : { dueOn: today, status: 'planned' },
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={objective ? 'edit-objective' : 'add-objective'} />
      {objective ? (
        <>
          <input type="hidden" name="objectiveId" value={objective.id} />
          <input type="hidden" name="version" value={objective.version} />
        </>
      ) : null}
      <InputField label="Objective" meta={fields.title} />
      <SelectField label="Owner" meta={fields.ownerEmail} options={[{ value: '', label: 'Nobody yet' }, ...owners.map((owner) => ({ value: owner.email, label: owner.name }))]} />
      <InputField label="Due" meta={fields.dueOn} type="date" />
      <SelectField label="Status" meta={fields.status} options={STATUS_OPTIONS} />
      <TextareaField label="Links (pull requests, issues), one per line" meta={fields.links} />
      <TextareaField label="Notes" meta={fields.notes} />
      <button type="submit">{objective ? 'Save the objective' : 'Add the objective'}</button>
    </Form>
  );
}

/** A partner's success plan: progress, each objective with its owner, due date, status and links; forms to add and edit. */
export function SuccessPlan({ objectives, owners, mayWrite, today }: { objectives: Objective[]; owners: Owner[]; mayWrite: boolean; today: string }) {
  const editReply = useIntentReply('edit-objective');
  const addReply = useIntentReply('add-objective');
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">Success plan</h2>
      <p className="notice">{planProgressText(objectives)}</p>
      {objectives.length > 0 ? (
        <ul className="plan">
          {objectives.map((objective) => (
            <li key={objective.id} className={objective.overdue ? 'plan-item plan-overdue' : 'plan-item'}>
              <p>
                <ObjectiveLine objective={objective} />
              </p>
              {objective.links.length > 0 ? (
                <ul aria-label={`Links of ${objective.title}`}>
                  {objective.links.map((link) => (
                    <li key={link}>
                      <a href={link} rel="noopener noreferrer nofollow">{link}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {objective.notes ? <p>{objective.notes}</p> : null}
              {mayWrite ? (
                <details open={editReply?.initialValue?.objectiveId === String(objective.id) || undefined}>
                  <summary>Edit “{objective.title}”</summary>
                  <ObjectiveForm
                    id={`edit-objective-${objective.id}`}
                    objective={objective}
                    owners={owners}
                    today={today}
                    reply={editReply?.initialValue?.objectiveId === String(objective.id) ? editReply : undefined}
                  />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayWrite ? (
        <details className="card" open={addReply ? true : undefined}>
          <summary>Add an objective</summary>
          <ObjectiveForm id="add-objective" owners={owners} today={today} reply={addReply} />
        </details>
      ) : null}
    </section>
  );
}
