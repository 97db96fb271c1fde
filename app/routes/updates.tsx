import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { formatDate, formatDateTime } from '~/domain/format';
import { isSubmittedLate, isUpdateOverdue, UPDATE_STATUS_LABELS, updateDueOn } from '~/domain/weekly-update';
import { teamToday } from '~/http/team-date.server';
import { listWeeklyUpdateStates } from '~/models/weekly-updates.server';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Weekly updates · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const weeks = await listWeeklyUpdateStates(context.db, today);
  const timeZone = context.teamTimezone;
  return {
    timeZone,
    weeks: weeks.map((week) => ({
      ...week,
      overdue: isUpdateOverdue(week, today),
      late: week.submittedAt !== null && isSubmittedLate(week.weekStart, week.submittedAt, timeZone),
    })),
  };
}

/** Every week's Friday update: submitted, amended, draft, missing, or overdue. */
export default function WeeklyUpdates() {
  const { weeks, timeZone } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Weekly updates</h1>
      <p className="notice">{`Each week’s update is due by Friday 23:59 (${timeZone}). The EM drafts it from the week’s progress log, then submits it.`}</p>
      <ScrollTable label="Weekly updates">
        <caption className="notice">The weeks, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Due</th>
            <th scope="col">State</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row">
                <Link to={`/updates/${week.weekStart}`}>{week.weekStart}</Link>
              </th>
              <td>{updateDueOn(week.weekStart)}</td>
              <td className={week.overdue ? 'status status-at_risk' : undefined}>
                {`${UPDATE_STATUS_LABELS[week.status]}${week.overdue ? ', overdue' : ''}${week.late ? ', submitted late' : ''}`}
              </td>
              <td>
                {week.submittedAt ? `${formatDateTime(week.submittedAt, timeZone)} by ${week.submittedBy ?? '—'}` : '—'}
                {week.amendedAt ? `; amended ${formatDate(week.amendedAt)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
