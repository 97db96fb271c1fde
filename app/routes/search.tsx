import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { countOf, formatDate } from '~/domain/format';
import { STAGE_LABELS } from '~/domain/lifecycle';
import { PROGRESS_KIND_LABELS, type ProgressKind } from '~/domain/progress';
import { markedPieces } from '~/domain/search-marks';
import { search } from '~/models/search.server';
import { SEARCH_MAX, SearchQuerySchema } from '~/schemas/search';
import { withStorableText } from '~/schemas/storable-text';

export const meta: MetaFunction = () => [{ title: 'Search · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const q = new URL(request.url).searchParams.get('q');
  if (q === null || q.trim() === '') return json({ q: '', problem: null, results: null });
  const parsed = withStorableText(SearchQuerySchema).safeParse({ q });
  if (!parsed.success) return json({ q, problem: parsed.error.issues[0]!.message, results: null }, { status: 422 });
  return json({ q: parsed.data.q, problem: null, results: await search(context.db, parsed.data.q) });
}

/** Customers by name or slug, and log entries by their words, the matched words marked. */
export default function Search() {
  const { q, problem, results } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Search</h1>
      <Form method="get" role="search" aria-label="Search again" className="inline filters">
        <div>
          <label htmlFor="search-q">Customers and log entries</label>
          <input
            id="search-q" name="q" type="search" defaultValue={q} maxLength={SEARCH_MAX * 2}
            aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'search-q-error' : undefined}
          />
        </div>
        <button type="submit">Search</button>
      </Form>
      {problem ? (
        <p id="search-q-error" className="field-error">
          {problem}
        </p>
      ) : null}
      {results === null ? (
        problem ? null : <p className="notice">Type part of a customer&apos;s name or slug, or words from the progress log.</p>
      ) : (
        <>
          <section aria-labelledby="customer-results">
            <h2 id="customer-results">{`Customers (${results.customers.length})`}</h2>
            {results.customers.length === 0 ? (
              <p className="notice">{`No customer’s name or slug contains “${q}”.`}</p>
            ) : (
              <ul>
                {results.customers.map((customer) => (
                  <li key={customer.slug}>
                    <Link to={`/customers/${customer.slug}`}>{customer.name}</Link> <span className="stage-badge">{STAGE_LABELS[customer.stage]}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="entry-results">
            <h2 id="entry-results">{`Log entries (${countOf(results.entries.length, 'match', 'matches')})`}</h2>
            {results.entries.length === 0 ? (
              <p className="notice">{`No log entry has the words “${q}”.`}</p>
            ) : (
              <ul className="search-results">
                {results.entries.map((entry) => (
                  <li key={entry.id}>
                    <Link to={`/customers/${entry.customer}`}>{entry.customer_name}</Link>
                    {` · ${PROGRESS_KIND_LABELS[entry.kind as ProgressKind]} · ${formatDate(entry.occurred_on)}`}
                    <p>
                      {markedPieces(entry.excerpt).map((piece, index) => (piece.marked ? <mark key={index}>{piece.text}</mark> : piece.text))}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
