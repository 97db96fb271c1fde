import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { CustomerHealthTable } from '~/components/customer-health-table';
import { ErrorPage } from '~/components/error-page';
import { IntakeGateBanner, partnerNames } from '~/components/intake-gate-banner';
import { teamToday } from '~/http/team-date.server';
import { loadIntakeGate } from '~/models/intake-gate.server';

export const meta: MetaFunction = () => [{ title: 'Dashboard · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const { gate, partners } = await loadIntakeGate(context.db, today);
  return { today, gate, partners, names: partnerNames(partners) };
}

export default function Dashboard() {
  const { today, gate, partners, names } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dashboard</h1>
      <IntakeGateBanner gate={gate} partners={names} />
      <CustomerHealthTable rows={partners} caption={`Active partners as of ${today}`} />
      <p className="notice">The north star and the weekly update's status join this page in coming releases.</p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
