import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { unmarked } from '~/domain/search-marks';
import { parseApiBody } from '~/http/api.server';
import { handleApi, methodNotAllowed } from '~/http/responses.server';
import { search } from '~/models/search.server';
import { SearchQuerySchema } from '~/schemas/search';

/** GET /api/v1/search?q=: customers by name or slug, log entries by their words, each excerpt plain text. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    await requireApiPermission(request, context, 'read');
    const q = new URL(request.url).searchParams.get('q');
    const query = parseApiBody(SearchQuerySchema, q === null ? {} : { q });
    const found = await search(context.db, query.q);
    return json({
      customers: found.customers,
      entries: found.entries.map((entry) => ({
        customer: entry.customer, id: entry.id, kind: entry.kind, occurredOn: entry.occurred_on, excerpt: unmarked(entry.excerpt),
      })),
    });
  });
}

export function action() {
  return methodNotAllowed('GET');
}
