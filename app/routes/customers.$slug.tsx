import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import type { z } from 'zod';
import { requirePermission } from '~/auth/guards.server';
import { CandidateFields } from '~/components/candidate-fields';
import { CustomerHealthTable } from '~/components/customer-health-table';
import { describeGateReason } from '~/components/describe-gate-reason';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply, FormErrors, InputField, SelectField, TextareaField } from '~/components/field';
import { formatDate } from '~/components/format';
import { FrameworkSummary } from '~/components/framework-summary';
import { IntakeGateBanner, partnerNames } from '~/components/intake-gate-banner';
import { AppError } from '~/domain/app-error';
import type { GateReason } from '~/domain/intake-gate';
import { STAGE_LABELS, type Decision } from '~/domain/lifecycle';
import { can, type Permission } from '~/domain/roles';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { editFrameworkAnswers } from '~/models/candidates.server';
import { findCustomerBySlug } from '~/models/customers.server';
import { decideOnCandidate, listDecisions } from '~/models/decisions.server';
import { currentEvaluation, listEvaluations } from '~/models/framework-evaluations.server';
import { loadIntakeGate } from '~/models/intake-gate.server';
import { assignLeadEngineer, closePartnership, findPartnershipExit, listPossibleLeads } from '~/models/partnerships.server';
import { answersOf, EditAnswersFormSchema } from '~/schemas/candidates';
import { DecisionFormSchema } from '~/schemas/decisions';
import { AssignLeadFormSchema, PartnershipExitFormSchema } from '~/schemas/partnerships';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? 'Customer'} · Strat Tracker` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const customer = await findCustomerBySlug(context.db, params.slug ?? '');
  invariantResponse(customer, `No customer has the slug "${params.slug}".`);
  const today = teamToday(context);
  const [evaluation, evaluations, decisions, exit, intake] = [
    await currentEvaluation(context.db, customer.id),
    await listEvaluations(context.db, customer.id),
    await listDecisions(context.db, customer.id),
    await findPartnershipExit(context.db, customer.id),
    await loadIntakeGate(context.db, today),
  ];
  const may = {
    edit: can(user.role, 'editCandidates'),
    decide: can(user.role, 'decide'),
    manage: can(user.role, 'managePartnerships'),
  };
  return {
    today,
    customer: { ...customer, leadEngineer: customer.lead_engineer },
    evaluation,
    evaluations,
    decisions: decisions.map((decision) => ({ ...decision, gate_reasons: decision.gate_reasons as GateReason[] })),
    exit,
    gate: intake.gate,
    partners: partnerNames(intake.partners),
    health: intake.partners.filter((partner) => partner.slug === customer.slug),
    leads: may.manage ? await listPossibleLeads(context.db) : [],
    may,
  };
}

const INTENT_PERMISSIONS: Record<string, Permission> = {
  'edit-answers': 'editCandidates',
  decide: 'decide',
  'assign-lead': 'managePartnerships',
  'hand-off': 'managePartnerships',
  end: 'managePartnerships',
};

const SCHEMAS: Record<string, z.ZodType> = {
  'edit-answers': EditAnswersFormSchema,
  decide: DecisionFormSchema,
  'assign-lead': AssignLeadFormSchema,
  'hand-off': PartnershipExitFormSchema,
  end: PartnershipExitFormSchema,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get('intent'));
  invariantResponse(intent in SCHEMAS, 'Unknown action.', 400);
  const actor = await requirePermission(request, context, INTENT_PERMISSIONS[intent]!);
  const slug = params.slug ?? '';
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent]! });
  if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 422 });
  const audited = { actor, now: context.now(), ip: context.clientIp };
  try {
    if (intent === 'edit-answers') {
      const input = submission.value as z.infer<typeof EditAnswersFormSchema>;
      await editFrameworkAnswers(context.db, { ...audited, slug, version: input.version, answers: answersOf(input), notes: input.notes ?? '' });
    } else if (intent === 'decide') {
      const input = submission.value as z.infer<typeof DecisionFormSchema>;
      await decideOnCandidate(context.db, { ...audited, ...input, slug, today: teamToday(context) });
    } else if (intent === 'assign-lead') {
      const input = submission.value as z.infer<typeof AssignLeadFormSchema>;
      await assignLeadEngineer(context.db, { ...audited, slug, email: input.email, version: input.version });
    } else {
      const input = submission.value as z.infer<typeof PartnershipExitFormSchema>;
      await closePartnership(context.db, {
        ...audited, slug, version: input.version, exitNotes: input.exitNotes, exitedOn: input.exitedOn,
        outcome: input.intent === 'hand-off' ? 'handed_off' : 'ended',
        receivingTeam: input.intent === 'hand-off' ? input.receivingTeam : undefined,
      });
    }
  } catch (error) {
    if (error instanceof AppError) return json({ intent, result: submission.reply(appErrorReply(error)) }, { status: error.status });
    throw error;
  }
  return redirect(`/customers/${slug}`);
}

/** The last reply, for the form whose intent it answers. */
function useReply(intent: string): SubmissionResult<string[]> | undefined {
  const data = useActionData<typeof action>();
  return data?.intent === intent ? (data.result as SubmissionResult<string[]>) : undefined;
}

function EditAnswers() {
  const { customer, evaluation } = useLoaderData<typeof loader>();
  const answers = evaluation?.answers;
  const [form, fields] = useForm<z.input<typeof EditAnswersFormSchema>>({
    id: 'edit-answers',
    lastResult: useReply('edit-answers'),
    defaultValue: {
      name: customer.name,
      notes: customer.notes,
      relatedMarket: answers?.relatedMarket ?? '',
      strategicSegment: answers ? (answers.strategicSegment ? 'yes' : 'no') : '',
      coMarket: answers?.coMarket ?? '',
      newIndustry: answers ? (answers.newIndustry ? 'yes' : 'no') : '',
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

const DECISION_OPTIONS: Record<string, { value: Decision; label: string }[]> = {
  candidate: [
    { value: 'approve', label: 'Approve: becomes a partner' },
    { value: 'reject', label: 'Reject' },
    { value: 'defer', label: 'Defer: decide later' },
  ],
  rejected: [{ value: 'reconsider', label: 'Reconsider: back to candidate' }],
};

function DecideForm() {
  const { customer, gate } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<z.input<typeof DecisionFormSchema>>({
    id: 'decide',
    lastResult: useReply('decide'),
  });
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
        {customer.stage === 'candidate' && !gate.open ? (
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

function ManagePartnership() {
  const { customer, leads, today } = useLoaderData<typeof loader>();
  const [leadForm, leadFields] = useForm<z.input<typeof AssignLeadFormSchema>>({
    id: 'assign-lead',
    lastResult: useReply('assign-lead'),
    defaultValue: { email: customer.leadEngineer?.email ?? '' },
  });
  const [handOffForm, handOffFields] = useForm<z.input<typeof PartnershipExitFormSchema>>({
    id: 'hand-off',
    lastResult: useReply('hand-off'),
    defaultValue: { exitedOn: today },
  });
  const [endForm, endFields] = useForm<z.input<typeof PartnershipExitFormSchema>>({
    id: 'end',
    lastResult: useReply('end'),
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
      {customer.stage === 'active' ? (
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
            <button type="submit" className="button-danger">End partnership</button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export default function CustomerPage() {
  const { customer, evaluation, evaluations, decisions, exit, gate, partners, health, may } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{customer.name}</h1>
      <p>
        <span className="stage-badge">{STAGE_LABELS[customer.stage]}</span>{' '}
        {customer.leadEngineer ? `Lead engineer: ${customer.leadEngineer.name}` : 'No lead engineer yet'}
        {customer.approved_at ? ` · approved ${formatDate(customer.approved_at)}` : ''}
      </p>
      {customer.notes ? <p>{customer.notes}</p> : null}
      {exit ? (
        <p className="card">
          {exit.outcome === 'handed_off' ? `Handed off to ${exit.receiving_team}` : 'Partnership ended'} on {exit.exited_on} by{' '}
          {exit.recorded_by_name}: {exit.exit_notes}
        </p>
      ) : null}
      {health.length > 0 ? <CustomerHealthTable rows={health} caption="Success metrics" /> : null}

      <h2>Decision framework</h2>
      {evaluation ? (
        <p>
          <FrameworkSummary assessment={evaluation.assessment} />
          <br />
          Strategic segment: {evaluation.answers.strategicSegment ? 'yes' : 'no'} · co-market: {evaluation.answers.coMarket} · new
          industry: {evaluation.answers.newIndustry ? `yes (${evaluation.answers.relatedMarket})` : 'no'} · vision:{' '}
          {evaluation.answers.visionAlignment}
        </p>
      ) : (
        <p className="notice">No framework answers yet.</p>
      )}
      {may.edit ? <EditAnswers /> : null}

      {may.decide && (customer.stage === 'candidate' || customer.stage === 'rejected') ? (
        <>
          {customer.stage === 'candidate' ? <IntakeGateBanner gate={gate} partners={partners} /> : null}
          <DecideForm />
        </>
      ) : null}
      {may.manage && customer.stage === 'active' ? <ManagePartnership /> : null}

      <h2>Decisions</h2>
      {decisions.length === 0 ? (
        <p className="notice">No decisions yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Decision</th>
              <th scope="col">Rationale</th>
              <th scope="col" className="number">Score</th>
              <th scope="col">Intake gate then</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((decision) => (
              <tr key={decision.id}>
                <td>{formatDate(decision.decided_at)}</td>
                <td>{decision.decided_by_name}</td>
                <td>{`${decision.decision} (${STAGE_LABELS[decision.stage_before]} → ${STAGE_LABELS[decision.stage_after]})`}</td>
                <td>{decision.rationale}</td>
                <td className="number">{decision.score}</td>
                <td>
                  {decision.gate_open ? 'open' : 'closed'}
                  {decision.gate_reasons.length > 0 ? (
                    <ul>
                      {decision.gate_reasons.map((reason) => {
                        const text = describeGateReason(reason, {});
                        return <li key={text}>{text}</li>;
                      })}
                    </ul>
                  ) : null}
                  {decision.override_justification ? <p>Override: {decision.override_justification}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Framework history</h2>
      <ul>
        {evaluations.map((entry) => (
          <li key={entry.id}>
            {formatDate(entry.evaluatedAt)} by {entry.evaluatedBy ?? 'system'}: <FrameworkSummary assessment={entry.assessment} />
          </li>
        ))}
      </ul>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
