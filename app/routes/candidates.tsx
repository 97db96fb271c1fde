import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { teamToday } from '~/http/team-date.server';
import { listCustomerOverviews } from '~/models/customers.server';
import { getSettings } from '~/models/settings.server';

export const meta: MetaFunction = () => [{ title: 'Candidates · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const customers = await listCustomerOverviews(context.db, {
    today: teamToday(context),
    settings: await getSettings(context.db),
    stages: ['candidate', 'rejected'],
  });
  return { candidates: customers.map(({ slug, name, stage }) => ({ slug, name, stage })) };
}

export default function Candidates() {
  const { candidates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Candidates</h1>
      <p className="notice">The decision framework and exec decisions arrive on this page in the next release.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Stage</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => (
            <tr key={candidate.slug}>
              <th scope="row">{candidate.name}</th>
              <td>{candidate.stage}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
