import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

const TITLES: Record<number, string> = {
  400: 'That request was not understood',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Not done that way',
  409: 'Changed meanwhile',
  413: 'Too large',
  415: 'Not a form',
  429: 'Too many requests',
};

// What the framework's own refusals (no such route, no action) say here, in place of its developer's wording.
export const FRAMEWORK_MESSAGES: Record<number, string> = {
  404: 'There is no page at this address.',
  405: 'This page does not take that kind of request.',
};

/** Every route's ErrorBoundary: the status in plain words, never a stack trace or the framework's text. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // The router marks the refusals it makes itself as internal; the app's own carry a message meant for people.
  const ours = isRouteErrorResponse(error) && !(error as { internal?: boolean }).internal;
  const message = (ours && typeof error.data === 'string' && error.data) ||
    FRAMEWORK_MESSAGES[status] ||
    'Something went wrong on our side. Try again, or tell the team if it keeps happening.';
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{TITLES[status] ?? 'Something went wrong'}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </section>
  );
}
