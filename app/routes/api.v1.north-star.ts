import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from '~/schemas/zod';
import { requireApiPermission } from '~/auth/guards.server';
import { parseApiBody } from '~/http/api.server';
import { handleApi, methodNotAllowed } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { northStarSeries } from '~/models/north-star.server';

const WEEKS_MESSAGE = 'Give weeks as a whole number from 1 to 156.';
const QuerySchema = z.object({
  weeks: z
    .string()
    .regex(/^\d{1,4}$/, WEEKS_MESSAGE)
    .transform(Number)
    .pipe(z.number().min(1, WEEKS_MESSAGE).max(156, WEEKS_MESSAGE))
    .default(12),
});

/** GET /api/v1/north-star?weeks=N: total partner DAU by week, every week present, oldest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    await requireApiPermission(request, context, 'read');
    const weeks = new URL(request.url).searchParams.get('weeks');
    const query = parseApiBody(QuerySchema, weeks === null ? {} : { weeks });
    return json({ series: await northStarSeries(context.db, { today: teamToday(context), weeks: query.weeks }) });
  });
}

export function action() {
  return methodNotAllowed('GET');
}
