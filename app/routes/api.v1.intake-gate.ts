import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { methodNotAllowed } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { loadIntakeGateWithForecast } from '~/models/intake-gate.server';

/** GET /api/v1/intake-gate: whether a new partner may come in today, why not, and when it may at current trends. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiPermission(request, context, 'read');
  const { gate, settings, forecast } = await loadIntakeGateWithForecast(context.db, teamToday(context));
  return json({
    open: gate.open,
    activePartners: gate.activePartners,
    capacity: gate.capacity,
    thresholds: {
      acceptancePct: settings.acceptancePct,
      dauPct: settings.dauPct,
      iarrUsd: settings.iarrUsd,
      staleWindowDays: settings.staleWindowDays,
    },
    reasons: gate.reasons,
    forecast,
  });
}

export function action() {
  return methodNotAllowed('GET');
}
