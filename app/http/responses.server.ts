import { json } from '@remix-run/node';
import { AppError } from '~/domain/app-error';

/** A plain-text response: what a page's ErrorBoundary shows in words. */
export function plainResponse(message: string, status: number): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Throws a plain-text response (404 by default) when the condition fails: a missing record, say. */
export function invariantResponse(condition: unknown, message = 'Not found', status = 404): asserts condition {
  if (!condition) throw plainResponse(message, status);
}

/** The JSON API's error body: `{"error":{"code","message","fields"?}}` (DOMAIN.md "JSON API v1"). */
export function apiError(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string>; [key: string]: unknown } = {},
): Response {
  return json({ error: { code, message, ...extra } }, { status });
}

/** Runs an API handler, answering an AppError (or a thrown Response) in the API's error shape. */
export async function handleApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof AppError) {
      return apiError(error.status, error.code, error.message, { fields: error.fields, ...error.details });
    }
    throw error;
  }
}

/** Throws the API's 405 (naming the methods it takes) unless the request uses one of them. */
export function requireMethod(request: Request, ...allowed: string[]): void {
  if (!allowed.includes(request.method)) throw methodNotAllowed(allowed.join(', '));
}

/** The API's answer to a method a route does not take, naming the ones it does. */
export function methodNotAllowed(allowed: string): Response {
  const response = apiError(405, 'method_not_allowed', `This endpoint takes ${allowed} only.`);
  response.headers.set('Allow', allowed);
  return response;
}
