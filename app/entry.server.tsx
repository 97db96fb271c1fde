import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { FRAMEWORK_MESSAGES } from './components/error-page';
import { renderToString } from 'react-dom/server';
import { NonceProvider } from './components/nonce';
import { noteRenderedPage } from './http/page-cache.server';

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  hideFrameworkWords(remixContext);
  // The pages defer nothing, so streaming would flush no earlier; rendered to one string, a page costs one
  // socket write and no per-chunk encoding (a third of the dashboard's rendering time when streamed).
  const html = renderToString(
    <NonceProvider value={loadContext.cspNonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceProvider>,
  );
  noteRenderedPage(remixContext, loadContext);
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  // A buffer, not a string: a string body is first rescanned for lone surrogates by the Fetch API.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode });
}

/** Whether the error is the router's own refusal (no route matches, no action): an answer, not a fault. */
function isRouterRefusal(error: unknown): boolean {
  return isRouteErrorResponse(error) && (error as { internal?: boolean }).internal === true;
}

// How Remix escapes the data it hands the browser inside a <script>.
const SCRIPT_ESCAPES: Record<string, string> = { '&': '\\u0026', '>': '\\u003e', '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };

type RouterRefusal = { status: number; data: unknown; error?: unknown };

/**
 * The router's own refusals carry its developer's words ("No route matches URL …") into the page and the data
 * handed to the browser: both get the plain words the error page shows instead.
 */
function hideFrameworkWords(remixContext: EntryContext) {
  const plain = (refusal: RouterRefusal) => {
    refusal.data = FRAMEWORK_MESSAGES[refusal.status] ?? '';
    delete refusal.error;
  };
  const refusals = Object.values(remixContext.staticHandlerContext.errors ?? {}).filter(isRouterRefusal);
  if (refusals.length === 0) return;
  refusals.forEach((refusal) => plain(refusal as RouterRefusal));
  const handoff = JSON.parse(remixContext.serverHandoffString ?? '{}') as { state?: { errors?: Record<string, RouterRefusal & { internal?: boolean }> } };
  Object.values(handoff.state?.errors ?? {}).filter((error) => error.internal).forEach(plain);
  remixContext.serverHandoffString = JSON.stringify(handoff).replace(/[&><\u2028\u2029]/g, (character) => SCRIPT_ESCAPES[character]!);
}

/** Logs what went wrong in a loader or action, but not the router's answers to addresses and methods it lacks. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouterRefusal(error)) return;
  console.error(error);
};
