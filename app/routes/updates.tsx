import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { formatDate } from '~/components/format';
import { listWeeklyUpdates } from '~/models/weekly-updates.server';

export const meta: MetaFunction = () => [{ title: 'Weekly updates · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  return { updates: await listWeeklyUpdates(context.db) };
}

export default function WeeklyUpdates() {
  const { updates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Weekly updates</h1>
      <p className="notice">Drafting and submitting the Friday update arrives in a coming release.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Status</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {updates.map((update) => (
            <tr key={update.week_start}>
              <th scope="row">{update.week_start}</th>
              <td>{update.status}</td>
              <td>
                {update.submitted_at ? `${formatDate(update.submitted_at)} by ${update.submitted_by_name ?? '—'}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
