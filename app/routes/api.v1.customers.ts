import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission, requireApiUser } from '~/auth/guards.server';
import { apiError } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { listCustomerOverviews } from '~/models/customers.server';
import { getSettings } from '~/models/settings.server';

/** GET /api/v1/customers (DOMAIN.md "JSON API v1"). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiPermission(request, context, 'read');
  const today = teamToday(context);
  const customers = await listCustomerOverviews(context.db, { today, settings: await getSettings(context.db) });
  return json({
    customers: customers.map(({ slug, name, stage, leadEngineer, latest, health }) => ({
      slug,
      name,
      stage,
      leadEngineer,
      latest: {
        weekStart: latest?.weekStart ?? null,
        completionsShown: latest?.completionsShown ?? null,
        completionsAccepted: latest?.completionsAccepted ?? null,
        dau: latest?.dau ?? null,
        availableDevelopers: latest?.availableDevelopers ?? null,
        acceptancePct: health.acceptancePct,
        dauPct: health.dauPct,
        fresh: health.fresh,
        iarrUsd: health.iarrUsd,
      },
      status: health.status,
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireApiUser(request, context);
  return apiError(405, 'method_not_allowed', 'Creating customers through the API is not available yet; use GET.');
}
