import { Fragment } from 'react';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { describeGateReason } from '~/domain/describe-gate-reason';
import { RoleHome } from '~/components/home/role-home';
import { ErrorPage } from '~/components/error-page';
import { NorthStar } from '~/components/dashboard/north-star';
import { PartnerTable } from '~/components/dashboard/partner-table';
import { CustomerHealthTable } from '~/components/customer-health-table';
import { IntakeGateBanner } from '~/components/intake-gate-banner';
import type { PageHandle } from '~/http/page-cache.server';
import { teamToday } from '~/http/team-date.server';
import { loadDashboard } from '~/models/dashboard.server';
import { loadHome } from '~/models/home.server';
import { readThroughSnapshot } from '~/models/snapshot-cache.server';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Dashboard · Strat Tracker' }];

export const handle: PageHandle = { reusablePage: true };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const today = teamToday(context);
  // The portfolio is the same for everyone: shared through the snapshot cache; the home is the person's own.
  const [dashboard, home] = await Promise.all([
    readThroughSnapshot(context.db, `dashboard ${today}`, (db) => loadDashboard(db, today), context.notes.snapshot),
    loadHome(context.db, user, today),
  ]);
  return { ...dashboard, home };
}

export default function Dashboard() {
  const { today, gate, forecast, graduates, names, thresholds, partners, northStar, pipeline, alerts, leadLoads, home } = useLoaderData<typeof loader>();
  const alertCount = alerts.stale.length + alerts.overdueUpdates.length;
  return (
    <>
      <h1>Dashboard</h1>
      <RoleHome home={home} />
      <h2 className="portfolio-title">The portfolio</h2>
      <IntakeGateBanner gate={gate} partners={names} forecast={{ forecast, thresholds }} />
      {alertCount > 0 ? (
        <section className="card alerts" aria-labelledby="alerts-title">
          <h2 id="alerts-title">Needs attention</h2>
          <ul>
            {alerts.stale.map((reason) => {
              const text = describeGateReason(reason, names);
              return (
                <li key={text}>
                  <Link to={`/customers/${reason.customer}`}>{text}</Link>
                </li>
              );
            })}
            {alerts.overdueUpdates.length === 1 ? (
              <li>
                <Link to={`/updates/${alerts.overdueUpdates[0]}`}>{`The weekly update for the week of ${alerts.overdueUpdates[0]} is overdue`}</Link>
              </li>
            ) : null}
            {alerts.overdueUpdates.length > 1 ? (
              <li>
                <Link to="/updates">{`${alerts.overdueUpdates.length} weekly updates are overdue`}</Link>
                {': the weeks of '}
                {alerts.overdueUpdates.map((week, index) => (
                  <Fragment key={week}>
                    {index > 0 ? ', ' : null}
                    <Link to={`/updates/${week}`}>{week}</Link>
                  </Fragment>
                ))}
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <PartnerTable rows={partners} thresholds={thresholds} />
      <p className="notice">{`Metrics as of ${today}; arrows compare with the week before.`}</p>
      {graduates.length > 0 ? (
        <section aria-labelledby="graduates-title">
          <h2 id="graduates-title">Graduated: watched for 12 weeks after hand-off</h2>
          <CustomerHealthTable rows={graduates} caption="Graduated partners and how they do with their receiving team" />
        </section>
      ) : null}
      <NorthStar weeks={northStar.weeks} partners={northStar.partners} headline={northStar.headline} />
      <div className="columns">
        <section className="card" aria-labelledby="pipeline-title">
          <h2 id="pipeline-title">Candidate pipeline</h2>
          <p>
            <Link to="/candidates">{`${pipeline.total} candidates`}</Link>
            {`: ${pipeline.strong} strong, ${pipeline.possible} possible, ${pipeline.weak} weak fit; ${pipeline.notEligible} not eligible.`}
          </p>
        </section>
        <section className="card" aria-labelledby="load-title">
          <h2 id="load-title">Lead engineers’ load</h2>
          {leadLoads.length === 0 ? (
            <p className="notice">No partner has a lead engineer yet.</p>
          ) : (
            <ScrollTable label="Partners per lead engineer">
              <thead>
                <tr>
                  <th scope="col">Lead engineer</th>
                  <th scope="col" className="number">Partners</th>
                  <th scope="col" className="number">Open blockers</th>
                </tr>
              </thead>
              <tbody>
                {leadLoads.map((load) => (
                  <tr key={load.name}>
                    <th scope="row">{load.name}</th>
                    <td className="number">{load.partners}</td>
                    <td className="number">{load.open_blockers}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
