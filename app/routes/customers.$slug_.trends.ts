import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/auth/guards.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { customerPageKey, loadCustomerPage } from '~/models/customer-page.server';
import { readThroughSnapshot } from '~/models/snapshot-cache.server';
import { parseProgressFilter } from '~/schemas/customer-page.server';

/**
 * GET /customers/:slug/trends: the whole series of the customer page's charts, which the page fetches once it runs
 * in a browser; the page itself carries only what its tables show. Read from the page's own snapshot cache entry.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const options = { slug: params.slug ?? '', today: teamToday(context), timeZone: context.teamTimezone, progressFilter: parseProgressFilter(new URLSearchParams()) };
  const page = await readThroughSnapshot(context.db, customerPageKey(options), (db) => loadCustomerPage(db, options), context.notes.snapshot);
  invariantResponse(page, `No customer has the slug "${params.slug}".`);
  const { acceptance, dau, iarr } = page.trends;
  return json({ acceptance: acceptance.points, dau: dau.points, iarr: iarr.points });
}
