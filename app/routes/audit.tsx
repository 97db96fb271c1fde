import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { FilterSelect } from '~/components/filter-select';
import { listAuditEntries, listAuditFilterChoices } from '~/models/audit.server';
import { AuditFilterSchema } from '~/schemas/audit';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Audit log · Strat Tracker' }];

const PAGE_SIZE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'readAudit');
  const params = new URL(request.url).searchParams;
  const { entity, actor, from, to, before } = AuditFilterSchema.parse(Object.fromEntries(params));
  const [entries, choices] = await Promise.all([
    listAuditEntries(context.db, { limit: PAGE_SIZE, entityType: entity, actorId: actor, from, to, beforeId: before }),
    listAuditFilterChoices(context.db),
  ]);
  const filter = { entity, actor, from, to };
  const filterParams = new URLSearchParams(Object.entries(filter).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
  const last = entries.length === PAGE_SIZE ? entries.at(-1)!.id : null;
  return {
    filter,
    choices,
    entries: entries.map(({ before: valuesBefore, after: valuesAfter, ...entry }) => ({
      ...entry,
      before: valuesBefore === null ? '' : JSON.stringify(valuesBefore),
      after: valuesAfter === null ? '' : JSON.stringify(valuesAfter),
    })),
    older: last === null ? null : `?${new URLSearchParams([...filterParams, ['before', String(last)]])}`,
    newest: before ? `?${filterParams}` : null,
  };
}

/** Every change with its actor, time, entity, before and after: filtered, newest first, a page at a time. */
export default function Audit() {
  const { filter, choices, entries, older, newest } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audit log</h1>
      <Form method="get" className="inline filters">
        <FilterSelect
          id="audit-entity"
          name="entity"
          label="Entity"
          value={filter.entity}
          anyLabel="All entities"
          options={choices.entityTypes.map((type) => ({ value: type, label: type }))}
        />
        <FilterSelect
          id="audit-actor"
          name="actor"
          label="Actor"
          value={filter.actor}
          anyLabel="Anyone"
          options={choices.actors.map((actor) => ({ value: actor.id, label: `${actor.name} (${actor.email})` }))}
        />
        <div>
          <label htmlFor="audit-from">From (UTC)</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ''} />
        </div>
        <div>
          <label htmlFor="audit-to">To (UTC)</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <button type="submit">Filter</button>
      </Form>
      {entries.length === 0 ? (
        <p className="notice">No changes match these filters.</p>
      ) : (
        <ScrollTable label="Audit log">
          <caption className="notice">Changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
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
                  <code>{entry.before}</code>
                </td>
                <td>
                  <code>{entry.after}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p className="actions">
        {newest ? <Link to={newest}>Newest entries</Link> : null}
        {older ? <Link to={older}>Older entries</Link> : null}
      </p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
