import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { MarkdownHtml } from '~/components/markdown-html';
import { withBodyHtml } from '~/components/markdown.server';
import { listFeedbackThemes } from '~/models/themes.server';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Feedback themes · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const themes = await listFeedbackThemes(context.db);
  return { themes: themes.map((theme) => ({ ...theme, recent: theme.recent.map(withBodyHtml) })) };
}

const times = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What enterprise customers ask for, across partners, for the teams that own each theme. */
export default function FeedbackThemes() {
  const { themes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Feedback themes</h1>
      <p className="notice">Customer feedback from the progress log, grouped by theme, most widely raised first.</p>
      {themes.length === 0 ? (
        <p className="notice">No feedback yet: log a feedback entry on a customer’s page and give it a theme.</p>
      ) : (
        <ScrollTable label="Feedback themes">
          <caption className="notice">Themes with their owning teams</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col">Owning team</th>
              <th scope="col" className="number">Customers</th>
              <th scope="col" className="number">Entries</th>
              <th scope="col">Latest</th>
            </tr>
          </thead>
          <tbody>
            {themes.map((theme) => (
              <tr key={theme.id}>
                <th scope="row">
                  <a href={`#theme-${theme.id}`}>{theme.name}</a>
                </th>
                <td>{theme.owning_team}</td>
                <td className="number">{theme.customers}</td>
                <td className="number">{theme.entries}</td>
                <td>{theme.latest ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {themes.map((theme) => (
        <section key={theme.id} id={`theme-${theme.id}`} className="card" aria-labelledby={`theme-${theme.id}-title`}>
          <h2 id={`theme-${theme.id}-title`}>{theme.name}</h2>
          <p className="notice">
            {`Owned by ${theme.owning_team}; raised by ${times(theme.customers, 'customer', 'customers')} in ${times(theme.entries, 'entry', 'entries')}${
              theme.entries > theme.recent.length ? ` (the latest ${theme.recent.length} below)` : ''
            }.`}
          </p>
          {theme.recent.length === 0 ? null : (
            <ul className="progress-log">
              {theme.recent.map((entry) => (
                <li key={entry.id} className="progress-entry progress-feedback">
                  <p>
                    <Link to={`/customers/${entry.slug}`}>{entry.customer}</Link>
                    {` · ${entry.occurred_on}`}
                  </p>
                  <MarkdownHtml html={entry.html} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
