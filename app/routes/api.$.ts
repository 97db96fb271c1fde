import { apiError } from '~/http/responses.server';

// Any address under /api that no endpoint has: the API's JSON 404, whatever the method, never the HTML page.
const notFound = ({ request }: { request: Request }) =>
  apiError(404, 'not_found', `No API endpoint at ${new URL(request.url).pathname}: see the README for the endpoints of /api/v1.`);

export const loader = notFound;
export const action = notFound;
