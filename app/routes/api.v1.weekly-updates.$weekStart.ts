import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { isUpdateOverdue, weeklyUpdateMarkdown, weekStartProblem, type UpdateStatus } from '~/domain/weekly-update';
import { apiError, handleApi, methodNotAllowed } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { findWeeklyUpdate } from '~/models/weekly-updates.server';

/**
 * GET /api/v1/weekly-updates/:weekStart → `{weekStart, status, overdue, progress, blockers, upcoming, markdown}`;
 * a week with no update yet is "missing", with empty sections.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    await requireApiPermission(request, context, 'read');
    const weekStart = params.weekStart ?? '';
    const today = teamToday(context);
    const problem = weekStartProblem(weekStart, today);
    if (problem) throw apiError(422, 'invalid', 'The week is invalid: see error.fields.', { fields: { weekStart: problem } });
    const update = await findWeeklyUpdate(context.db, weekStart);
    const status: UpdateStatus = update?.status ?? 'missing';
    const sections = { progress: update?.progress ?? '', blockers: update?.blockers ?? '', upcoming: update?.upcoming ?? '' };
    return json({
      weekStart,
      status,
      overdue: isUpdateOverdue({ weekStart, status }, today),
      ...sections,
      markdown: update ? weeklyUpdateMarkdown(weekStart, sections, status === 'amended') : '',
    });
  });
}

export function action() {
  return methodNotAllowed('GET');
}
