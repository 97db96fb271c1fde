import { json, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { forbidden, requirePermission } from '~/auth/guards.server';
import { DecisionForm } from '~/components/customer/decision-form';
import { DecisionHistory } from '~/components/customer/decision-history';
import { HealthSummary } from '~/components/customer/health-summary';
import { IarrLedger } from '~/components/customer/iarr-ledger';
import { IarrForm, SnapshotForm } from '~/components/customer/metric-forms';
import { TrendCharts } from '~/components/customer/trend-charts';
import { EditAnswersForm } from '~/components/customer/edit-answers-form';
import type { IntentReply } from '~/components/customer/intent-reply';
import { SuccessPlan } from '~/components/customer/success-plan';
import { PartnershipForms } from '~/components/customer/partnership-forms';
import { ProgressForm, ProgressLog } from '~/components/customer/progress-log';
import { SnapshotTable } from '~/components/customer/snapshot-table';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply, singleRowError } from '~/components/field';
import { formatDate, formatUsd } from '~/domain/format';
import { FrameworkSummary } from '~/components/framework-summary';
import { IntakeGateBanner } from '~/components/intake-gate-banner';
import { AppError } from '~/domain/app-error';
import { weekStartOf } from '~/domain/dates';
import { STAGE_LABELS } from '~/domain/lifecycle';
import { PROGRESS_KIND_LABELS } from '~/domain/progress';
import { PLAN_STAGES } from '~/domain/success-plan';
import { can, canLogProgressFor, type Permission } from '~/domain/roles';
import { redirectWithFlash } from '~/http/flash.server';
import { readForm } from '~/http/forms.server';
import { oneTimeToken, type PageHandle } from '~/http/page-cache.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import type { Audited } from '~/models/audit.server';
import { editFrameworkAnswers } from '~/models/candidates.server';
import { getCustomerBySlug } from '~/models/customers.server';
import { customerPageKey, loadCustomerPage } from '~/models/customer-page.server';
import { trendTable, type Trend } from '~/domain/customer-trends';
import { sketchOf } from '~/components/charts/trend-sketch';
import { withBodyHtml } from '~/components/markdown.server';
import { readThroughSnapshot } from '~/models/snapshot-cache.server';
import { decideOnCandidate } from '~/models/decisions.server';
import { recordIarrEntries } from '~/models/iarr.server';
import { recordSnapshots } from '~/models/metrics.server';
import { createObjective, findObjectiveCustomer, updateObjective } from '~/models/objectives.server';
import { assignLeadEngineer, closePartnership, listPossibleLeads } from '~/models/partnerships.server';
import { logProgress, resolveProgressEntry } from '~/models/progress.server';
import { answersOf, parseCustomerPageForm, parseProgressFilter, type CustomerPageForm } from '~/schemas/customer-page.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? 'Customer'} · Strat Tracker` }];

export const handle: PageHandle = { reusablePage: true };

// A chart's table shows its latest quarter of weeks, and every week on request (`?weeks=all`).
const TABLE_WEEKS = 13;

const trendView = (trend: Trend, weeks: number | null, stepped = false) => ({ ...trendTable(trend, weeks), sketch: sketchOf(trend, stepped) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const progressFilter = parseProgressFilter(new URL(request.url).searchParams);
  const options = { slug: params.slug ?? '', today, timeZone: context.teamTimezone, progressFilter };
  const page = await readThroughSnapshot(context.db, customerPageKey(options), (db) => loadCustomerPage(db, options), context.notes.snapshot);
  invariantResponse(page, `No customer has the slug "${params.slug}".`);
  const may = {
    edit: can(user.role, 'editCandidates'),
    decide: can(user.role, 'decide'),
    manage: can(user.role, 'managePartnerships'),
    log: canLogProgressFor(user, page.customer.lead_engineer_id),
  };
  const { trends, gate, partners, recordedWeeks, progress, ...shown } = page;
  const deciding = may.decide && (page.customer.stage === 'candidate' || page.customer.stage === 'rejected');
  const weeks = new URL(request.url).searchParams.get('weeks') === 'all' ? null : TABLE_WEEKS;
  return {
    ...shown, today, may, progressFilter,
    progress: { ...progress, entries: progress.entries.map(withBodyHtml) },
    // The page carries what it shows, so that it stays light on a phone: its interactive charts fetch their series.
    trends: { acceptance: trendView(trends.acceptance, weeks), dau: trendView(trends.dau, weeks), iarr: trendView(trends.iarr, weeks, true) },
    decision: deciding ? { gate, partners } : null,
    // The form warns before replacing one of the latest weeks; an older one is refused by the server, which warns then.
    recordedWeeks: may.log ? recordedWeeks.slice(-TABLE_WEEKS) : [],
    // Who may lead a partner, or own one of its objectives.
    leads: may.manage || may.log ? await listPossibleLeads(context.db) : [],
    // A fresh key with every form shown: the same form posted twice logs one entry.
    submissionKey: may.log ? oneTimeToken(context) : '',
  };
}

type Intent = CustomerPageForm['intent'];

/** Who may send each form; a lead-scoped one only for the customer's lead engineer when the actor is an engineer. */
const INTENT_RIGHTS: Record<Intent, { permission: Permission; leadScoped?: true }> = {
  'record-snapshot': { permission: 'logProgress', leadScoped: true },
  'add-iarr': { permission: 'logProgress', leadScoped: true },
  'log-progress': { permission: 'logProgress', leadScoped: true },
  'resolve-entry': { permission: 'logProgress', leadScoped: true },
  'add-objective': { permission: 'logProgress', leadScoped: true },
  'edit-objective': { permission: 'logProgress', leadScoped: true },
  'edit-answers': { permission: 'editCandidates' },
  decide: { permission: 'decide' },
  'assign-lead': { permission: 'managePartnerships' },
  'hand-off': { permission: 'managePartnerships' },
  end: { permission: 'managePartnerships' },
};
const INTENTS = Object.keys(INTENT_RIGHTS) as Intent[];

/** Where a form shows a model's field error that the form's field names otherwise (the rest show by their own name). */
const MODEL_FIELD_NAMES: Partial<Record<Intent, Record<string, string>>> = {
  'log-progress': { theme: 'themeName', routedTo: 'platformTeam' },
};

type Customer = Awaited<ReturnType<typeof getCustomerBySlug>>;

/** Does what the form asks; returns what the page then says it did. An AppError it throws is shown on the form. */
async function run(form: CustomerPageForm, context: AppLoadContext, customer: Customer, audited: Audited): Promise<string> {
  const slug = customer.slug;
  const today = teamToday(context);
  switch (form.intent) {
    case 'record-snapshot': {
      const { intent: _intent, replace, ...week } = form;
      const { updated } = await recordSnapshots(context.db, { ...audited, snapshots: [{ ...week, customer: slug }], today, keepRecorded: !replace });
      return `The week of ${week.weekStart} is ${updated > 0 ? 'replaced' : 'recorded'}.`;
    }
    case 'add-iarr': {
      const { intent: _intent, ...entry } = form;
      await recordIarrEntries(context.db, { ...audited, entries: [{ ...entry, customer: slug }], today });
      return `${formatUsd(entry.amountUsd)} of iARR booked on ${entry.bookedOn}.`;
    }
    case 'log-progress':
      await logProgress(context.db, { ...audited, customerId: customer.id, entry: form.entry, submissionKey: form.submissionKey, today });
      return `${PROGRESS_KIND_LABELS[form.entry.kind]} logged.`;
    case 'resolve-entry':
      await resolveProgressEntry(context.db, { ...audited, ...form, customerId: customer.id });
      return 'Resolved, with your note.';
    case 'add-objective': {
      const { intent: _intent, ...objective } = form;
      await createObjective(context.db, { ...audited, customerId: customer.id, objective, today });
      return `Objective added: ${objective.title}.`;
    }
    case 'edit-objective': {
      const { intent: _intent, objectiveId, version, ...changes } = form;
      invariantResponse((await findObjectiveCustomer(context.db, objectiveId)).id === customer.id, 'That objective is not in this plan.');
      await updateObjective(context.db, { ...audited, id: objectiveId, version, changes: { ...changes, ownerEmail: changes.ownerEmail ?? null }, today });
      return `Objective saved: ${changes.title}.`;
    }
    case 'edit-answers':
      await editFrameworkAnswers(context.db, { ...audited, slug, version: form.version, answers: answersOf(form), notes: form.notes ?? '' });
      return 'Framework answers saved.';
    case 'decide': {
      const decision = await decideOnCandidate(context.db, { ...audited, ...form, slug, today });
      return `Decision recorded: ${customer.name} is ${decision.stage_before === decision.stage_after ? 'still' : 'now'} ${STAGE_LABELS[decision.stage_after]}.`;
    }
    case 'assign-lead':
      await assignLeadEngineer(context.db, { ...audited, slug, email: form.email, version: form.version });
      return `Lead engineer: ${form.email}.`;
    case 'hand-off':
    case 'end': {
      const handingOff = form.intent === 'hand-off';
      await closePartnership(context.db, {
        ...audited, slug, version: form.version, exitNotes: form.exitNotes, exitedOn: form.exitedOn, today,
        outcome: handingOff ? 'handed_off' : 'ended',
        receivingTeam: form.intent === 'hand-off' ? form.receivingTeam : undefined,
      });
      return handingOff ? `Handed off to ${form.receivingTeam}.` : 'The partnership is ended.';
    }
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const intent = INTENTS.find((name) => name === formData.get('intent'));
  invariantResponse(intent, 'Unknown action: reload the page and use its forms.', 400);
  const rights = INTENT_RIGHTS[intent];
  const actor = await requirePermission(request, context, rights.permission);
  const submission = parseCustomerPageForm(formData);
  if (submission.status !== 'success') return json<IntentReply>({ intent, result: submission.reply() }, { status: 422 });
  const audited = { actor, now: context.now(), ip: context.clientIp };
  let done: string;
  try {
    const customer = await getCustomerBySlug(context.db, params.slug ?? '');
    if (rights.leadScoped && !canLogProgressFor(actor, customer.lead_engineer_id)) {
      throw await forbidden(request, context, actor, 'log for a customer they do not lead', 'You may log only for the customers you lead.');
    }
    done = await run(submission.value, context, customer, audited);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json<IntentReply>({ intent, code: error.code, result: submission.reply(appErrorReply(singleRowError(error), submission.payload, MODEL_FIELD_NAMES[intent])) }, { status: error.status });
  }
  return redirectWithFlash(`/customers/${params.slug}${new URL(request.url).search}`, done, context);
}

export default function CustomerPage() {
  const {
    customer, evaluation, evaluations, decisions, exit, decision, health, snapshots, recordedWeeks, trends, ledger, leads, today, may,
    progress, progressFilter, themes, submissionKey, objectives,
  } = useLoaderData<typeof loader>();
  return (
    <div className="customer-page">
      <h1>{customer.name}</h1>
      <p>
        <span className="stage-badge">{STAGE_LABELS[customer.stage]}</span>{' '}
        {customer.leadEngineer ? `Lead engineer: ${customer.leadEngineer.name}` : 'No lead engineer yet'}
        {customer.approved_at ? ` · approved ${formatDate(customer.approved_at)}` : ''}
      </p>
      {customer.notes ? <p>{customer.notes}</p> : null}
      {customer.stage === 'active' || customer.stage === 'handed_off' ? (
        <p>
          <Link to={`/customers/${customer.slug}/summary`}>Partner summary: one page to read or print</Link>
        </p>
      ) : null}
      {exit ? (
        <p className="card">
          {exit.outcome === 'handed_off' ? `Handed off to ${exit.receiving_team}` : 'Partnership ended'} on {exit.exited_on} by{' '}
          {exit.recorded_by_name}: {exit.exit_notes}
        </p>
      ) : null}
      {customer.stage === 'active' || customer.stage === 'handed_off' || snapshots.length > 0 ? (
        <>
          <HealthSummary health={health} />
          {/* Its own per customer: a fetcher holds one customer's series. */}
          <TrendCharts key={customer.slug} slug={customer.slug} trends={trends} />
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

      {(PLAN_STAGES as readonly string[]).includes(customer.stage) ? (
        <SuccessPlan objectives={objectives} owners={leads} mayWrite={may.log} today={today} />
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

      {decision ? (
        <>
          {customer.stage === 'candidate' ? <IntakeGateBanner gate={decision.gate} partners={decision.partners} /> : null}
          <DecisionForm customer={customer} gateOpen={decision.gate.open} />
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
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
