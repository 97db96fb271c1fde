import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { CustomerHealthTable } from '~/components/customer-health-table';
import { STATUS_LABELS } from '~/domain/customer-health';
import { ErrorPage } from '~/components/error-page';
import { FormErrors } from '~/components/field';
import { AppError } from '~/domain/app-error';
import { daysBetween } from '~/domain/dates';
import { isWatched } from '~/domain/lifecycle';
import { can } from '~/domain/roles';
import { redirectWithFlash } from '~/http/flash.server';
import { teamToday } from '~/http/team-date.server';
import { countAtStage, listCustomerOverviews } from '~/models/customers.server';
import { assignLeadEngineer, listPossibleLeads } from '~/models/partnerships.server';
import { getSettings } from '~/models/settings.server';
import { AssignLeadFormSchema, PartnersListSchema } from '~/schemas/partnerships';
import { readForm } from '~/http/forms.server';
import { parseForm } from '~/schemas/parse-form';
import { ScrollTable } from '~/components/scroll-table';
import { ShowMoreLink } from '~/components/show-more-link';
import { MAX_SHOWN } from '~/domain/paging';

export const meta: MetaFunction = () => [{ title: 'Partners · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const list = PartnersListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const settings = await getSettings(context.db);
  const [customers, ended, endedCount] = await Promise.all([
    listCustomerOverviews(context.db, { today, settings, stages: ['active', 'handed_off'] }),
    listCustomerOverviews(context.db, { today, settings, stages: ['ended'], limit: list.endedShown }),
    countAtStage(context.db, 'ended'),
  ]);
  return {
    list,
    active: customers
      .filter((customer) => customer.stage === 'active')
      .map((customer) => ({
        ...customer,
        daysSinceApproval: customer.approvedAt ? daysBetween(customer.approvedAt.toISOString().slice(0, 10), today) : null,
      })),
    graduates: customers.filter((customer) => isWatched(customer, today)),
    handedOff: customers.filter((customer) => customer.stage === 'handed_off' && !isWatched(customer, today)),
    ended: { rows: ended, total: endedCount },
    canManage: can(user.role, 'managePartnerships'),
    canLog: can(user.role, 'logProgress'),
    leads: can(user.role, 'managePartnerships') ? await listPossibleLeads(context.db) : [],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, 'managePartnerships');
  const submission = parseForm(await readForm(request), AssignLeadFormSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 422 });
  const { slug, email, version } = submission.value;
  try {
    await assignLeadEngineer(context.db, { slug, email, version, actor, now: context.now(), ip: context.clientIp });
  } catch (error) {
    if (error instanceof AppError) return json(submission.reply({ formErrors: [error.message] }), { status: error.status });
    throw error;
  }
  return redirectWithFlash('/partners', `Lead engineer: ${email}.`, context);
}

/** "3 weeks", "5 months": how long a partnership has run, in the unit a person would use. */
function describeDuration(days: number): string {
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 90) return `${Math.floor(days / 7)} weeks`;
  return `${Math.floor(days / 30)} months`;
}

export default function Partners() {
  const { list, active, graduates, handedOff, ended, canManage, canLog, leads } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <div className="page-title">
        <h1>Partners</h1>
        <p>
          {canLog ? <Link to="/import">Import metrics or iARR from CSV</Link> : null}
          {canLog ? ' · ' : null}
          <a href="/export/snapshots.csv">Export snapshots</a> · <a href="/export/iarr.csv">Export iARR</a>
        </p>
      </div>
      <FormErrors id="partners-errors" errors={reply?.error?.[''] ?? undefined} />
      {active.length === 0 ? (
        <p className="notice">No active partners.</p>
      ) : (
        <ScrollTable label="Active partners">
          <caption className="notice">Active partners</caption>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Lead engineer</th>
              <th scope="col">Stage</th>
              <th scope="col">Partner for</th>
              <th scope="col">Status</th>
              {canManage ? <th scope="col">Manage</th> : null}
            </tr>
          </thead>
          <tbody>
            {active.map((partner) => (
              <tr key={partner.slug}>
                <th scope="row">
                  <Link to={`/customers/${partner.slug}`}>{partner.name}</Link>
                </th>
                <td>
                  {canManage ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="assign-lead" />
                      <input type="hidden" name="slug" value={partner.slug} />
                      <input type="hidden" name="version" value={partner.version} />
                      <select name="email" autoComplete="off" defaultValue={partner.leadEngineer?.email ?? ''} aria-label={`Lead engineer of ${partner.name}`}>
                        <option value="">Unassigned</option>
                        {leads.map((lead) => (
                          <option key={lead.email} value={lead.email}>
                            {lead.name}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button-quiet" aria-label={`Assign the lead engineer of ${partner.name}`}>
                        Assign
                      </button>
                    </Form>
                  ) : (
                    partner.leadEngineer?.name ?? 'Unassigned'
                  )}
                </td>
                <td>active</td>
                <td>{partner.daysSinceApproval === null ? '—' : describeDuration(partner.daysSinceApproval)}</td>
                <td className={`status status-${partner.health.status}`}>{STATUS_LABELS[partner.health.status]}</td>
                {canManage ? (
                  <td>
                    <Link to={`/customers/${partner.slug}#manage-title`} aria-label={`Hand off or end ${partner.name}`}>
                      Hand off or end
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2>Graduated</h2>
      <p className="notice">Handed off in the last 12 weeks: watched, so the team sees whether the receiving team keeps them succeeding.</p>
      <CustomerHealthTable rows={graduates} caption="Graduated partners, watched for 12 weeks after their exit" />
      <h2>Handed off earlier</h2>
      <CustomerHealthTable rows={handedOff} caption="Partners handed off more than 12 weeks ago" />
      <h2>Ended</h2>
      <CustomerHealthTable
        rows={ended.rows}
        caption={ended.total > ended.rows.length ? `Partnerships ended: the first ${ended.rows.length} of ${ended.total}, by name` : 'Partnerships ended'}
      />
      {ended.total > ended.rows.length && list.endedShown < MAX_SHOWN ? (
        <ShowMoreLink filter={list} count="endedShown">Show more of them</ShowMoreLink>
      ) : null}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
