import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody, readJsonBody } from '~/http/api.server';
import { handleApi, methodNotAllowed, requireMethod } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { getCustomerBySlug } from '~/models/customers.server';
import { decideOnCandidate } from '~/models/decisions.server';
import { DecisionSchema } from '~/schemas/decisions';

export function loader() {
  return methodNotAllowed('POST');
}

/** POST /api/v1/customers/:slug/decisions → 201, or 409 for the stage or a closed intake gate. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireMethod(request, 'POST');
  return handleApi(async () => {
    const actor = await requireApiPermission(request, context, 'decide');
    const slug = params.slug ?? '';
    await getCustomerBySlug(context.db, slug);
    const input = parseApiBody(DecisionSchema, await readJsonBody(request));
    const decision = await decideOnCandidate(context.db, {
      ...input, slug, actor, today: teamToday(context), now: context.now(), ip: context.clientIp,
    });
    return json(
      {
        decision: {
          id: decision.id,
          customer: decision.customer,
          decision: decision.decision,
          decidedAt: decision.decided_at,
          stageBefore: decision.stage_before,
          stageAfter: decision.stage_after,
          gateOpen: decision.gate_open,
          gateReasons: decision.gate_reasons,
          overrideJustification: decision.override_justification,
        },
      },
      { status: 201 },
    );
  });
}
