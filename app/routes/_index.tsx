import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { describeGateReason } from '~/components/describe-gate-reason';
import { ErrorPage } from '~/components/error-page';
import { NorthStar } from '~/components/dashboard/north-star';
import { PartnerTable } from '~/components/dashboard/partner-table';
import { IntakeGateBanner, partnerNames } from '~/components/intake-gate-banner';
import { assessFramework } from '~/domain/framework';
import { change } from '~/domain/week-over-week';
import { latestDueWeek } from '~/domain/weekly-update-due';
import { teamToday } from '~/http/team-date.server';
import { listCandidateRows } from '~/models/customers.server';
import { listLeadLoads, listNorthStarPartners, weeklyUpdateState } from '~/models/dashboard.server';
import { loadIntakeGate } from '~/models/intake-gate.server';
import { northStarSeries } from '~/models/north-star.server';

export const meta: MetaFunction = () => [{ title: 'Dashboard · Strat Tracker' }];

const NORTH_STAR_WEEKS = 26;

const percentOf = (snapshot: { completionsShown: number; completionsAccepted: number; dau: number; availableDevelopers: number } | null) => ({
  acceptance: snapshot && snapshot.completionsShown > 0 ? (snapshot.completionsAccepted / snapshot.completionsShown) * 100 : null,
  dau: snapshot ? (snapshot.dau / snapshot.availableDevelopers) * 100 : null,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const { gate, partners, settings } = await loadIntakeGate(context.db, today);
  const candidates = (await listCandidateRows(context.db)).filter((row) => row.stage === 'candidate');
  const assessments = candidates.flatMap((row) => (row.answers ? [assessFramework(row.answers)] : []));
  const dueWeek = latestDueWeek(today);
  const updateState = await weeklyUpdateState(context.db, dueWeek);
  const names = partnerNames(partners);
  return {
    today,
    gate,
    names,
    thresholds: { acceptancePct: settings.acceptancePct, dauPct: settings.dauPct, iarrUsd: settings.iarrUsd, staleWindowDays: settings.staleWindowDays },
    partners: partners.map(({ slug, name, leadEngineer, health, latest, previous, iarrWeekAgoUsd }) => {
      const [now, before] = [percentOf(latest), percentOf(previous)];
      return {
        slug, name, leadEngineer, health,
        changes: { acceptance: change(now.acceptance, before.acceptance), dau: change(now.dau, before.dau), iarr: health.iarrUsd - iarrWeekAgoUsd },
      };
    }),
    northStar: await northStarSeries(context.db, { today, weeks: NORTH_STAR_WEEKS }),
    northStarPartners: await listNorthStarPartners(context.db),
    pipeline: {
      total: candidates.length,
      strong: assessments.filter((a) => a.eligible && a.fit === 'strong').length,
      possible: assessments.filter((a) => a.eligible && a.fit === 'possible').length,
      weak: assessments.filter((a) => a.eligible && a.fit === 'weak').length,
      notEligible: assessments.filter((a) => !a.eligible).length,
    },
    alerts: {
      stale: gate.reasons.filter((reason) => reason.kind === 'stale' || reason.kind === 'no_data'),
      overdueUpdate: updateState === 'missing' || updateState === 'draft' ? dueWeek : null,
    },
    leadLoads: await listLeadLoads(context.db),
  };
}

export default function Dashboard() {
  const { today, gate, names, thresholds, partners, northStar, northStarPartners, pipeline, alerts, leadLoads } = useLoaderData<typeof loader>();
  const alertCount = alerts.stale.length + (alerts.overdueUpdate ? 1 : 0);
  return (
    <>
      <h1>Dashboard</h1>
      <IntakeGateBanner gate={gate} partners={names} />
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
            {alerts.overdueUpdate ? (
              <li>
                <Link to={`/updates/${alerts.overdueUpdate}`}>{`The weekly update for the week of ${alerts.overdueUpdate} is overdue`}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <PartnerTable rows={partners} thresholds={thresholds} />
      <p className="notice">{`Metrics as of ${today}; arrows compare with the week before.`}</p>
      <NorthStar weeks={northStar} partners={northStarPartners} />
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
            <table>
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
            </table>
          )}
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
