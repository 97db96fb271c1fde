import { parseWithZod } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import type { z } from 'zod';
import { forbidden, requirePermission } from '~/auth/guards.server';
import { DecisionForm } from '~/components/customer/decision-form';
import { DecisionHistory } from '~/components/customer/decision-history';
import { HealthSummary } from '~/components/customer/health-summary';
import { IarrLedger } from '~/components/customer/iarr-ledger';
import { IarrForm, SnapshotForm } from '~/components/customer/metric-forms';
import { TrendCharts } from '~/components/customer/trend-charts';
import { EditAnswersForm } from '~/components/customer/edit-answers-form';
import type { IntentReply } from '~/components/customer/intent-reply';
import { PartnershipForms } from '~/components/customer/partnership-forms';
import { ProgressForm, ProgressLog } from '~/components/customer/progress-log';
import { SnapshotTable } from '~/components/customer/snapshot-table';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply } from '~/components/field';
import { formatDate, formatUsd } from '~/components/format';
import { FrameworkSummary } from '~/components/framework-summary';
import { IntakeGateBanner } from '~/components/intake-gate-banner';
import { AppError } from '~/domain/app-error';
import { weekStartOf } from '~/domain/dates';
import { STAGE_LABELS } from '~/domain/lifecycle';
import { PROGRESS_KIND_LABELS } from '~/domain/progress';
import { can, canLogProgressFor, type Permission } from '~/domain/roles';
import { redirectWithFlash } from '~/http/flash.server';
import { oneTimeToken, type PageHandle } from '~/http/page-cache.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import type { Audited } from '~/models/audit.server';
import { editFrameworkAnswers } from '~/models/candidates.server';
import { getCustomerBySlug } from '~/models/customers.server';
import { loadCustomerPage } from '~/models/customer-page.server';
import { readThroughSnapshot } from '~/models/snapshot-cache.server';
import { decideOnCandidate } from '~/models/decisions.server';
import { recordIarrEntries } from '~/models/iarr.server';
import { findSnapshot, recordSnapshots } from '~/models/metrics.server';
import { assignLeadEngineer, closePartnership, listPossibleLeads } from '~/models/partnerships.server';
import { logProgress, resolveProgressEntry } from '~/models/progress.server';
import { answersOf, EditAnswersFormSchema } from '~/schemas/candidates';
import { DecisionFormSchema } from '~/schemas/decisions';
import { IarrFormSchema, SnapshotFormSchema } from '~/schemas/metrics';
import { AssignLeadFormSchema, PartnershipExitFormSchema } from '~/schemas/partnerships';
import { ProgressFilterSchema, ProgressFormSchema, ResolveEntryFormSchema } from '~/schemas/progress';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? 'Customer'} · Strat Tracker` }];

export const handle: PageHandle = { reusablePage: true };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const progressFilter = ProgressFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const options = { slug: params.slug ?? '', today, timeZone: context.teamTimezone, progressFilter };
  const page = await readThroughSnapshot(context.db, `customer page ${JSON.stringify(options)}`, (db) => loadCustomerPage(db, options));
  invariantResponse(page, `No customer has the slug "${params.slug}".`);
  const may = {
    edit: can(user.role, 'editCandidates'),
    decide: can(user.role, 'decide'),
    manage: can(user.role, 'managePartnerships'),
    log: canLogProgressFor(user, page.customer.lead_engineer_id),
  };
  return {
    ...page, today, may, progressFilter,
    leads: may.manage ? await listPossibleLeads(context.db) : [],
    // A fresh key with every form shown: the same form posted twice logs one entry.
    submissionKey: may.log ? oneTimeToken(context) : '',
  };
}

type Customer = Awaited<ReturnType<typeof getCustomerBySlug>>;
type IntentCall = { context: AppLoadContext; slug: string; audited: Audited; customer: Customer };

/**
 * One form of the page: who may send it, its schema, and what it does, returning what the page then says it did;
 * an AppError it throws is shown on the form.
 */
type IntentHandler = {
  permission: Permission;
  /** Only for the customer's lead engineer when the actor is an engineer. */
  leadScoped?: boolean;
  schema: z.ZodType;
  run(input: never, call: IntentCall): Promise<string>;
};

function handler<Schema extends z.ZodType>(spec: {
  permission: Permission;
  leadScoped?: boolean;
  schema: Schema;
  run(input: z.infer<Schema>, call: IntentCall): Promise<string>;
}): IntentHandler {
  return spec as IntentHandler;
}

const closePartnershipHandler = handler({
  permission: 'managePartnerships',
  schema: PartnershipExitFormSchema,
  async run(input, { context, slug, audited }) {
    const handingOff = input.intent === 'hand-off';
    await closePartnership(context.db, {
      ...audited, slug, version: input.version, exitNotes: input.exitNotes, exitedOn: input.exitedOn,
      outcome: handingOff ? 'handed_off' : 'ended',
      receivingTeam: handingOff ? input.receivingTeam : undefined,
    });
    return handingOff ? `Handed off to ${input.receivingTeam}.` : 'The partnership is ended.';
  },
});

const INTENTS: Record<string, IntentHandler> = {
  'record-snapshot': handler({
    permission: 'logProgress',
    leadScoped: true,
    schema: SnapshotFormSchema,
    async run({ intent: _intent, replace, ...week }, { context, slug, audited, customer }) {
      const recorded = await findSnapshot(context.db, customer.id, week.weekStart);
      if (recorded && !replace) {
        const message = `The week of ${week.weekStart} is already recorded (shown ${recorded.completions_shown}, accepted ${recorded.completions_accepted}, DAU ${recorded.dau} of ${recorded.available_developers}). Tick “Replace the recorded week” to overwrite it.`;
        throw new AppError({ status: 409, code: 'week_recorded', message, fields: { weekStart: message } });
      }
      await recordSnapshots(context.db, { ...audited, snapshots: [{ ...week, customer: slug }], today: teamToday(context) });
      return `The week of ${week.weekStart} is ${recorded ? 'replaced' : 'recorded'}.`;
    },
  }),
  'add-iarr': handler({
    permission: 'logProgress',
    leadScoped: true,
    schema: IarrFormSchema,
    async run({ intent: _intent, ...entry }, { context, slug, audited }) {
      await recordIarrEntries(context.db, { ...audited, entries: [{ ...entry, customer: slug }] });
      return `${formatUsd(entry.amountUsd)} of iARR booked on ${entry.bookedOn}.`;
    },
  }),
  'log-progress': handler({
    permission: 'logProgress',
    leadScoped: true,
    schema: ProgressFormSchema,
    async run({ entry, submissionKey }, { context, audited, customer }) {
      await logProgress(context.db, { ...audited, customerId: customer.id, entry, submissionKey, today: teamToday(context) });
      return `${PROGRESS_KIND_LABELS[entry.kind]} logged.`;
    },
  }),
  'resolve-entry': handler({
    permission: 'logProgress',
    leadScoped: true,
    schema: ResolveEntryFormSchema,
    async run(input, { context, audited, customer }) {
      await resolveProgressEntry(context.db, { ...audited, ...input, customerId: customer.id });
      return 'Resolved, with your note.';
    },
  }),
  'edit-answers': handler({
    permission: 'editCandidates',
    schema: EditAnswersFormSchema,
    async run(input, { context, slug, audited }) {
      await editFrameworkAnswers(context.db, { ...audited, slug, version: input.version, answers: answersOf(input), notes: input.notes ?? '' });
      return 'Framework answers saved.';
    },
  }),
  decide: handler({
    permission: 'decide',
    schema: DecisionFormSchema,
    async run(input, { context, slug, audited, customer }) {
      const decision = await decideOnCandidate(context.db, { ...audited, ...input, slug, today: teamToday(context) });
      return `Decision recorded: ${customer.name} is ${decision.stage_before === decision.stage_after ? 'still' : 'now'} ${STAGE_LABELS[decision.stage_after]}.`;
    },
  }),
  'assign-lead': handler({
    permission: 'managePartnerships',
    schema: AssignLeadFormSchema,
    async run(input, { context, slug, audited }) {
      await assignLeadEngineer(context.db, { ...audited, slug, email: input.email, version: input.version });
      return `Lead engineer: ${input.email}.`;
    },
  }),
  'hand-off': closePartnershipHandler,
  end: closePartnershipHandler,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get('intent'));
  const intentHandler = INTENTS[intent];
  invariantResponse(intentHandler, 'Unknown action.', 400);
  const actor = await requirePermission(request, context, intentHandler.permission);
  const slug = params.slug ?? '';
  const submission = parseWithZod(formData, { schema: intentHandler.schema });
  if (submission.status !== 'success') return json<IntentReply>({ intent, result: submission.reply() }, { status: 422 });
  const audited = { actor, now: context.now(), ip: context.clientIp };
  let done: string;
  try {
    const customer = await getCustomerBySlug(context.db, slug);
    if (intentHandler.leadScoped && !canLogProgressFor(actor, customer.lead_engineer_id)) {
      throw await forbidden(request, context, actor, 'log for a customer they do not lead', 'You may log only for the customers you lead.');
    }
    done = await intentHandler.run(submission.value as never, { context, slug, audited, customer });
  } catch (error) {
    if (error instanceof AppError) {
      // Bulk-write errors name fields as `snapshots[0].weekStart`; the form's field is `weekStart`.
      const fields = error.fields && Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [path.replace(/^\w+\[\d+\]\./, ''), message]));
      return json<IntentReply>({ intent, result: submission.reply(appErrorReply({ ...error, message: error.message, fields })) }, { status: error.status });
    }
    throw error;
  }
  return redirectWithFlash(`/customers/${slug}${new URL(request.url).search}`, done, context);
}

export default function CustomerPage() {
  const {
    customer, evaluation, evaluations, decisions, exit, gate, partners, health, snapshots, recordedWeeks, trends, ledger, leads, today, may,
    progress, progressFilter, themes, submissionKey,
  } = useLoaderData<typeof loader>();
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
      {customer.stage === 'active' || customer.stage === 'handed_off' || snapshots.length > 0 ? (
        <>
          <HealthSummary health={health} />
          <TrendCharts trends={trends} />
          <h2>Weekly metrics</h2>
          <SnapshotTable snapshots={snapshots} />
          <h2>iARR</h2>
          <IarrLedger entries={ledger} today={today} />
          {may.log ? (
            <div className="columns card">
              <SnapshotForm currentWeek={weekStartOf(today)} recordedWeeks={recordedWeeks} />
              <IarrForm today={today} />
            </div>
          ) : null}
        </>
      ) : null}

      <ProgressLog log={progress} filter={progressFilter} mayLog={may.log}>
        {may.log ? <ProgressForm today={today} themes={themes} submissionKey={submissionKey} /> : null}
      </ProgressLog>

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
      {may.edit ? <EditAnswersForm customer={customer} answers={evaluation?.answers ?? null} /> : null}

      {may.decide && (customer.stage === 'candidate' || customer.stage === 'rejected') ? (
        <>
          {customer.stage === 'candidate' ? <IntakeGateBanner gate={gate} partners={partners} /> : null}
          <DecisionForm customer={customer} gateOpen={gate.open} />
        </>
      ) : null}
      {may.manage && customer.stage === 'active' ? <PartnershipForms customer={customer} leads={leads} today={today} /> : null}

      <h2>Decisions</h2>
      <DecisionHistory decisions={decisions} />

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
