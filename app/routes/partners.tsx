import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { CustomerHealthTable } from '~/components/customer-health-table';
import { ErrorPage } from '~/components/error-page';
import { teamToday } from '~/http/team-date.server';
import { listCustomerOverviews } from '~/models/customers.server';
import { getSettings } from '~/models/settings.server';

export const meta: MetaFunction = () => [{ title: 'Partners · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const settings = await getSettings(context.db);
  const customers = await listCustomerOverviews(context.db, { today, settings, stages: ['active', 'handed_off'] });
  return {
    active: customers.filter((customer) => customer.stage === 'active'),
    handedOff: customers.filter((customer) => customer.stage === 'handed_off'),
  };
}

export default function Partners() {
  const { active, handedOff } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Partners</h1>
      <CustomerHealthTable rows={active} caption="Active partners" />
      <h2>Handed off</h2>
      <CustomerHealthTable rows={handedOff} caption="Partners handed off to other teams" />
    </>
  );
}

export const ErrorBoundary = ErrorPage;
