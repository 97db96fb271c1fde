import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, requireMethod } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { createCandidate } from '~/models/candidates.server';
import { listCustomerOverviews } from '~/models/customers.server';
import { getSettings } from '~/models/settings.server';
import { answersOf, CandidateApiSchema } from '~/schemas/candidates';

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

/** POST /api/v1/customers: a new candidate with its framework answers → 201. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireMethod(request, 'GET', 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'editCandidates');
    const input = parseApiBody(CandidateApiSchema, await readJsonBody(request));
    const customer = await createCandidate(context.db, {
      ...input, answers: answersOf(input), actor, now: context.now(), ip: context.clientIp,
    });
    return json({ customer: { slug: customer.slug, name: customer.name, stage: customer.stage } }, { status: 201 });
  });
}
