import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { listAuditEntries } from '~/models/audit.server';

export const meta: MetaFunction = () => [{ title: 'Audit log · Strat Tracker' }];

const PAGE_SIZE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'readAudit');
  const before = Number(new URL(request.url).searchParams.get('before'));
  const entries = await listAuditEntries(context.db, {
    limit: PAGE_SIZE,
    beforeId: Number.isInteger(before) && before > 0 ? before : undefined,
  });
  return {
    entries: entries.map((entry) => ({ ...entry, change: JSON.stringify({ before: entry.before, after: entry.after }) })),
    nextBefore: entries.length === PAGE_SIZE ? entries[entries.length - 1]?.id : null,
  };
}

export default function Audit() {
  const { entries, nextBefore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audit log</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{entry.actor_label}</td>
              <td>{entry.action}</td>
              <td>{entry.entity_type ? `${entry.entity_type} ${entry.entity_id ?? ''}` : '—'}</td>
              <td>
                <code>{entry.change === '{}' ? '' : entry.change}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextBefore ? <Link to={`?before=${nextBefore}`}>Older entries</Link> : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
