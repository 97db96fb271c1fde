import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { describeGateReason } from '~/domain/describe-gate-reason';
import { ErrorPage } from '~/components/error-page';
import { formatDate, formatDateTime } from '~/domain/format';
import { Markdown } from '~/components/markdown';
import { composeWeeklyDraft } from '~/components/weekly-update/draft';
import { WeeklyUpdateEditor } from '~/components/weekly-update/editor';
import { MarkdownCopy } from '~/components/weekly-update/markdown-copy';
import { AppError } from '~/domain/app-error';
import { can } from '~/domain/roles';
import { isSubmittedLate, isUpdateOverdue, UPDATE_STATUS_LABELS, updateDueOn, weeklyUpdateMarkdown, weekStartProblem, type SavedUpdateStatus, type UpdateStatus } from '~/domain/weekly-update';
import { redirectWithFlash } from '~/http/flash.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import type { Executor } from '~/models/db.server';
import { loadIntakeGate } from '~/models/intake-gate.server';
import { findWeeklyUpdate, loadDraftFacts, saveWeeklyUpdate } from '~/models/weekly-updates.server';
import { WeeklyUpdateFormSchema } from '~/schemas/weekly-updates';
import { readForm } from '~/http/forms.server';
import { parseForm } from '~/schemas/parse-form';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Weekly update ${data?.weekStart ?? ''} · Strat Tracker` }];

/** The week named in the path, if it can have an update by `today`; a 404 otherwise. */
function weekOf(params: { weekStart?: string }, today: string): string {
  const weekStart = params.weekStart ?? '';
  const problem = weekStartProblem(weekStart, today);
  invariantResponse(!problem, `No weekly update for “${weekStart}”: ${problem}`);
  return weekStart;
}

/** The week's first draft, from its progress log, the open blockers, metric moves and today's gate. */
async function firstDraft(db: Executor, weekStart: string, today: string) {
  const [facts, { gate, names }] = await Promise.all([loadDraftFacts(db, weekStart, today), loadIntakeGate(db, today)]);
  return composeWeeklyDraft({ ...facts, gate: { open: gate.open, reasons: gate.reasons.map((reason) => describeGateReason(reason, names)) } });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const weekStart = weekOf(params, today);
  const update = await findWeeklyUpdate(context.db, weekStart);
  const mayWrite = can(user.role, 'writeWeeklyUpdate');
  const status: UpdateStatus = update?.status ?? 'missing';
  return {
    weekStart,
    status,
    overdue: isUpdateOverdue({ weekStart, status }, today),
    timeZone: context.teamTimezone,
    update: update ?? null,
    markdown: update ? weeklyUpdateMarkdown(weekStart, update, update.status === 'amended') : null,
    mayWrite,
    // Only the EM, who writes it, needs the draft made for a week not started yet.
    draft: !update && mayWrite ? await firstDraft(context.db, weekStart, today) : null,
  };
}

const SAVED_MESSAGES: Record<SavedUpdateStatus, string> = {
  draft: 'Draft saved.',
  submitted: 'Update submitted: copy its Markdown below to post it.',
  amended: 'Amendment saved.',
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, 'writeWeeklyUpdate');
  const weekStart = weekOf(params, teamToday(context));
  const submission = parseForm(await readForm(request), WeeklyUpdateFormSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 422 });
  const { intent, version, ...sections } = submission.value;
  let saved: Awaited<ReturnType<typeof saveWeeklyUpdate>>;
  try {
    saved = await saveWeeklyUpdate(context.db, { weekStart, sections, version: version ?? null, submit: intent === 'submit', actor, now: context.now(), ip: context.clientIp });
  } catch (error) {
    if (error instanceof AppError) return json(submission.reply({ formErrors: [error.message] }), { status: error.status });
    throw error;
  }
  return redirectWithFlash(`/updates/${weekStart}`, SAVED_MESSAGES[saved.status], context);
}

export default function WeeklyUpdatePage() {
  const { weekStart, status, overdue, timeZone, update, markdown, mayWrite, draft } = useLoaderData<typeof loader>();
  const sections = update ?? draft;
  return (
    <>
      <p>
        <Link to="/updates">All weekly updates</Link>
      </p>
      <h1>{`Weekly update: week of ${weekStart}`}</h1>
      <p>
        <strong className={overdue ? 'status status-at_risk' : 'status'}>{overdue ? `${UPDATE_STATUS_LABELS[status]}, overdue` : UPDATE_STATUS_LABELS[status]}</strong>
        {` · due by Friday ${updateDueOn(weekStart)} 23:59 (${timeZone})`}
        {update?.submitted_at
          ? ` · submitted ${isSubmittedLate(weekStart, update.submitted_at, timeZone) ? 'late, ' : ''}${formatDateTime(update.submitted_at, timeZone)} by ${update.submitted_by_name}`
          : ''}
        {update?.amended_at ? ` · amended ${formatDate(update.amended_at)} by ${update.updated_by_name}` : ''}
        {update && status === 'draft' ? ` · draft saved ${formatDate(update.updated_at)} by ${update.updated_by_name}` : ''}
      </p>
      {mayWrite && sections ? (
        <>
          {draft ? <p className="notice">Pre-filled from the week’s progress log, the open blockers, the metrics and the intake gate: edit, then save or submit.</p> : null}
          <WeeklyUpdateEditor sections={sections} version={update?.version ?? null} submitted={status === 'submitted' || status === 'amended'} />
        </>
      ) : update ? (
        <div className="card">
          <h2>Progress</h2>
          <Markdown source={update.progress} />
          <h2>Blockers</h2>
          <Markdown source={update.blockers} />
          <h2>Upcoming work</h2>
          <Markdown source={update.upcoming} />
        </div>
      ) : (
        <p className="notice">No update has been started for this week.</p>
      )}
      {markdown ? <MarkdownCopy markdown={markdown} /> : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
