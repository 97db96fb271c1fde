import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { CustomerHealthTable } from '~/components/customer-health-table';
import { ErrorPage } from '~/components/error-page';
import { teamToday } from '~/http/team-date.server';
import { listCustomerOverviews } from '~/models/customers.server';
import { getSettings } from '~/models/settings.server';

export const meta: MetaFunction = () => [{ title: 'Dashboard · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const settings = await getSettings(context.db);
  const partners = await listCustomerOverviews(context.db, { today, settings, stages: ['active'] });
  return { today, partners };
}

export default function Dashboard() {
  const { today, partners } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dashboard</h1>
      <CustomerHealthTable rows={partners} caption={`Active partners as of ${today}`} />
      <p className="notice">The intake gate, north star and weekly update status join this page in coming releases.</p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
