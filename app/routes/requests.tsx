import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { forbidden, requirePermission } from '~/auth/guards.server';
import type { IntentReply } from '~/components/customer/intent-reply';
import { ResolveForm } from '~/components/customer/progress-log';
import { ErrorPage } from '~/components/error-page';
import { appErrorReply } from '~/components/field';
import { FilterSelect } from '~/components/filter-select';
import { countOf, formatDate } from '~/domain/format';
import { MarkdownHtml } from '~/components/markdown-html';
import { withBodyHtml } from '~/components/markdown.server';
import { destinationLabel, RequestDestinations } from '~/components/request-destinations';
import { ScrollTable } from '~/components/scroll-table';
import { ShowMoreLink } from '~/components/show-more-link';
import { AppError } from '~/domain/app-error';
import { daysBetween } from '~/domain/dates';
import { MAX_SHOWN } from '~/domain/paging';
import { PROGRESS_KIND_LABELS } from '~/domain/progress';
import { canLogProgressFor } from '~/domain/roles';
import { redirectWithFlash } from '~/http/flash.server';
import { readForm } from '~/http/forms.server';
import { teamToday } from '~/http/team-date.server';
import { countOpenRequestsByDestination, findProgressEntryCustomer, listCustomersWithOpenItems, listOpenItems, resolveProgressEntry } from '~/models/progress.server';
import { parseForm } from '~/schemas/parse-form';
import { OPEN_ITEM_AGES, OpenItemsFilterSchema, ResolveEntryFormSchema } from '~/schemas/progress';

export const meta: MetaFunction = () => [{ title: 'Blockers and requests · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const filter = OpenItemsFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ items, matching }, destinations, customers] = await Promise.all([
    listOpenItems(context.db, filter, today, filter.shown),
    countOpenRequestsByDestination(context.db),
    listCustomersWithOpenItems(context.db),
  ]);
  return {
    filter,
    matching,
    destinations,
    customers,
    items: items.map(({ lead_engineer_id, ...item }) => ({
      ...withBodyHtml(item), ageDays: daysBetween(item.occurred_on, today), mayResolve: canLogProgressFor(user, lead_engineer_id),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, 'logProgress');
  const submission = parseForm(await readForm(request), ResolveEntryFormSchema);
  if (submission.status !== 'success') return json<IntentReply>({ intent: 'resolve-entry', result: submission.reply() }, { status: 422 });
  const { entryId, version, resolutionNote } = submission.value;
  try {
    const customer = await findProgressEntryCustomer(context.db, entryId);
    if (!canLogProgressFor(actor, customer.lead_engineer_id)) {
      throw await forbidden(request, context, actor, 'resolve for a customer they do not lead', 'You may resolve only the blockers and requests of the customers you lead.');
    }
    await resolveProgressEntry(context.db, { entryId, version, resolutionNote, customerId: customer.id, actor, now: context.now(), ip: context.clientIp });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json<IntentReply>({ intent: 'resolve-entry', code: error.code, result: submission.reply(appErrorReply(error, submission.payload)) }, { status: error.status });
  }
  return redirectWithFlash(`/requests${new URL(request.url).search}`, 'Resolved, with your note.', context);
}

/** Every open blocker and request across customers, oldest first: what the team waits on, and what it routed where. */
export default function Requests() {
  const { filter, matching, destinations, customers, items } = useLoaderData<typeof loader>();
  const routedChoices = destinations.map((row) => ({ value: row.routed_to ?? 'none', label: destinationLabel(row.routed_to) }));
  return (
    <>
      <h1>Open blockers and requests</h1>
      <section className="card" aria-labelledby="destinations-title">
        <h2 id="destinations-title">Open requests by destination</h2>
        <RequestDestinations destinations={destinations} />
      </section>
      <Form method="get" className="inline filters">
        <FilterSelect id="requests-customer" name="customer" label="Customer" value={filter.customer} anyLabel="Every customer"
          options={customers.map((customer) => ({ value: customer.slug, label: customer.name }))} />
        <FilterSelect id="requests-kind" name="kind" label="Kind" value={filter.kind} anyLabel="Blockers and requests"
          options={[{ value: 'blocker', label: 'Blockers' }, { value: 'request', label: 'Requests' }]} />
        <FilterSelect id="requests-routed" name="routedTo" label="Routed to" value={filter.routedTo} anyLabel="Anywhere" options={routedChoices} />
        <FilterSelect id="requests-age" name="olderThanDays" label="Open for" value={filter.olderThanDays} anyLabel="Any time"
          options={OPEN_ITEM_AGES.map((days) => ({ value: days, label: `${days} days or more` }))} />
        <button type="submit">Filter</button>
      </Form>
      {items.length === 0 ? (
        <p className="notice">Nothing open matches these filters.</p>
      ) : (
        <ScrollTable label="Open blockers and requests">
          <caption className="notice">
            {matching > items.length ? `The oldest ${items.length} of ${matching} open items` : `${countOf(items.length, 'item')} open, oldest first`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Kind</th>
              <th scope="col">Since</th>
              <th scope="col">What</th>
              <th scope="col">Routed to</th>
              <th scope="col">Resolve</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`/customers/${item.customer}`}>{item.customer_name}</Link>
                </th>
                <td>{PROGRESS_KIND_LABELS[item.kind]}</td>
                <td>{`${formatDate(item.occurred_on)} (${countOf(item.ageDays, 'day')})`}</td>
                <td>
                  <MarkdownHtml html={item.html} />
                  <p className="notice">{`Logged by ${item.author}`}</p>
                </td>
                <td>{item.kind === 'request' ? destinationLabel(item.routed_to) : '—'}</td>
                <td>{item.mayResolve ? <ResolveForm entry={item} /> : <span className="notice">Its lead engineer, an EM or an exec</span>}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {matching > items.length ? (
        filter.shown < MAX_SHOWN ? (
          <ShowMoreLink filter={filter}>Show more of them</ShowMoreLink>
        ) : (
          <p className="notice">Filter to see the others.</p>
        )
      ) : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
