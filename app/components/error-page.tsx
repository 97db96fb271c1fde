import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

const TITLES: Record<number, string> = {
  400: 'That request was not understood',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Changed meanwhile',
  429: 'Too many requests',
};

/** Every route's ErrorBoundary: the status in plain words, never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) && typeof error.data === 'string' && error.data
    ? error.data
    : 'Something went wrong on our side. Try again, or tell the team if it keeps happening.';
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
