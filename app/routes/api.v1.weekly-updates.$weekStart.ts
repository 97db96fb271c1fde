import { json, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { isUpdateOverdue, weeklyUpdateMarkdown, weekStartProblem, type UpdateStatus } from '~/domain/weekly-update';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { apiError, handleApi, requireMethod } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { findWeeklyUpdate, saveWeeklyUpdate } from '~/models/weekly-updates.server';
import { WeeklyUpdateApiSchema } from '~/schemas/weekly-updates';

/** The week named in the path, or a 422 on `weekStart`: a Monday, not after the current week. */
function weekOf(params: { weekStart?: string }, today: string): string {
  const weekStart = params.weekStart ?? '';
  const problem = weekStartProblem(weekStart, today);
  if (problem) throw apiError(422, 'invalid', 'The week is invalid: see error.fields.', { fields: { weekStart: problem } });
  return weekStart;
}

/** A week's update as the API gives it; a week with no update yet is "missing", with empty sections. */
async function weeklyUpdateReply(context: AppLoadContext, weekStart: string, today: string) {
  const update = await findWeeklyUpdate(context.db, weekStart);
  const status: UpdateStatus = update?.status ?? 'missing';
  const sections = { progress: update?.progress ?? '', blockers: update?.blockers ?? '', upcoming: update?.upcoming ?? '' };
  return json({
    weekStart,
    status,
    overdue: isUpdateOverdue({ weekStart, status }, today),
    version: update?.version ?? null,
    ...sections,
    markdown: update ? weeklyUpdateMarkdown(weekStart, sections, status === 'amended') : '',
  });
}

/** GET /api/v1/weekly-updates/:weekStart → `{weekStart, status, overdue, version, progress, blockers, upcoming, markdown}`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    await requireApiPermission(request, context, 'read');
    const today = teamToday(context);
    return weeklyUpdateReply(context, weekOf(params, today), today);
  });
}

/**
 * POST /api/v1/weekly-updates/:weekStart `{progress, blockers, upcoming, action: "save"|"submit", version?}` (em) → the
 * update as the GET gives it; submitting a submitted week amends it; a stale version is a 409.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'GET', 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'writeWeeklyUpdate');
    const today = teamToday(context);
    const weekStart = weekOf(params, today);
    const { action: intent, version, ...sections } = parseApiBody(WeeklyUpdateApiSchema, await readJsonBody(request));
    await saveWeeklyUpdate(context.db, {
      weekStart, sections, version: version ?? null, submit: intent === 'submit', actor, now: context.now(), ip: context.clientIp,
    });
    return weeklyUpdateReply(context, weekStart, today);
  });
}
