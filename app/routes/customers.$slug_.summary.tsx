import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { requirePermission } from '~/auth/guards.server';
import { SmallTrend } from '~/components/charts/small-trend';
import type { TrendPoint } from '~/components/charts/trend-chart';
import { HealthSummary } from '~/components/customer/health-summary';
import { IarrRealized } from '~/components/customer/iarr-ledger';
import { ObjectiveLine, planProgressText } from '~/components/customer/success-plan';
import { ErrorPage } from '~/components/error-page';
import { FrameworkSummary } from '~/components/framework-summary';
import type { Projection } from '~/domain/customer-trends';
import { formatDate, formatPct, formatUsd } from '~/domain/format';
import { DECISION_VERBS, STAGE_LABELS } from '~/domain/lifecycle';
import type { PageHandle } from '~/http/page-cache.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { loadPartnerSummary } from '~/models/partner-summary.server';
import { readThroughSnapshot } from '~/models/snapshot-cache.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? 'Partner'} summary · Strat Tracker` }];

export const handle: PageHandle = { reusablePage: true };

/** GET /customers/:slug/summary: the partner on one printed page, for an exec to read in a minute. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const today = teamToday(context);
  const options = { slug: params.slug ?? '', today, timeZone: context.teamTimezone };
  const summary = await readThroughSnapshot(context.db, `partner summary ${JSON.stringify(options)}`, (db) => loadPartnerSummary(db, options), context.notes.snapshot);
  invariantResponse(summary, `No customer has the slug "${params.slug}".`);
  return { ...summary, today };
}

/** At most this many of each list, so that the page stays one page; the customer page has the rest. */
const LISTED = 5;

function Notes({ title, notes, empty }: { title: string; notes: { id: number; occurred_on: string; body: string }[]; empty: string }) {
  return (
    <section className="summary-block" aria-label={title}>
      <h2>{title}</h2>
      {notes.length === 0 ? <p className="notice">{empty}</p> : null}
      <ul className="summary-list">
        {notes.slice(0, LISTED).map((note) => (
          <li key={note.id}>
            <span className="clamped">
              <span className="notice">{note.occurred_on}</span> {note.body}
            </span>
          </li>
        ))}
      </ul>
      {notes.length > LISTED ? <p className="notice">{`and ${notes.length - LISTED} more on the customer page`}</p> : null}
    </section>
  );
}

/** The browser's print dialog (A4 or Letter, or a PDF); shown once JavaScript runs, since only then does it work. */
function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  // Its room is kept until then, so that nothing below it moves when it appears.
  return (
    <button type="button" onClick={() => window.print()} style={ready ? undefined : { visibility: 'hidden' }}>
      Print or save as PDF
    </button>
  );
}

const projected = (projection: Projection | null) => (projection?.week ? { label: projection.week, threshold: projection.threshold } : undefined);

function Trend({ title, points, format, projection, stepped }: {
  title: string; points: TrendPoint[]; format: (value: number) => string; projection: Projection | null; stepped?: boolean;
}) {
  return (
    <figure className="summary-trend">
      <figcaption>{title}</figcaption>
      {points.length === 0 ? <p className="notice">Nothing recorded yet.</p> : <SmallTrend title={title} points={points} format={format} projection={projected(projection)} stepped={stepped} />}
    </figure>
  );
}

export default function PartnerSummary() {
  const { customer, exit, health, trends, ledger, decision, evaluation, objectives, blockers, wins, risks, since, today } = useLoaderData<typeof loader>();
  const openObjectives = objectives.filter((objective) => objective.status !== 'dropped');
  return (
    <article className="partner-summary">
      <header className="summary-header">
        <h1>{`${customer.name}: partner summary`}</h1>
        <p>
          <span className="stage-badge">{STAGE_LABELS[customer.stage]}</span>{' '}
          {customer.leadEngineer ? `Lead engineer: ${customer.leadEngineer.name}` : 'No lead engineer yet'} · as of {today}
          {exit ? ` · ${exit.outcome === 'handed_off' ? `handed off to ${exit.receiving_team}` : 'ended'} on ${exit.exited_on}` : ''}
        </p>
        <p className="screen-only">
          <PrintButton />{' '}
          <Link to={`/customers/${customer.slug}`}>Back to the customer page</Link>
        </p>
      </header>

      <HealthSummary health={health} />

      <section className="summary-trends" aria-label="Trends">
        <Trend title="Completions accepted" points={trends.acceptance.points} format={formatPct} projection={trends.acceptance.projection} />
        <Trend title="DAU over available developers" points={trends.dau.points} format={formatPct} projection={trends.dau.projection} />
        <Trend title="iARR realized" points={trends.iarr.points} format={formatUsd} projection={null} stepped />
      </section>
      <p className="notice summary-legend">Solid: recorded. Dashed: the threshold. Dotted: where the current trend reaches it.</p>

      <div className="summary-columns">
        <section className="summary-block" aria-label="iARR">
          <h2>iARR</h2>
          {ledger.length === 0 ? <p className="notice">No iARR booked yet.</p> : <IarrRealized entries={ledger} today={today} />}
        </section>

        <section className="summary-block" aria-label="Decision">
          <h2>Decision</h2>
          {decision ? (
            <>
              <p>{`The latest: ${DECISION_VERBS[decision.decision]} on ${formatDate(decision.decided_at)} by ${decision.decided_by_name}, framework score ${decision.score}/5.`}</p>
              <p className="clamped">{decision.rationale}</p>
            </>
          ) : (
            <p className="notice">No decision yet.</p>
          )}
          {evaluation ? (
            <p>
              Framework now: <FrameworkSummary assessment={evaluation.assessment} />
            </p>
          ) : null}
        </section>

        <section className="summary-block" aria-label="Success plan">
          <h2>Success plan</h2>
          <p className="notice">{planProgressText(objectives)}</p>
          <ul className="summary-list">
            {openObjectives.slice(0, LISTED).map((objective) => (
              <li key={objective.id}>
                <ObjectiveLine objective={objective} />
              </li>
            ))}
          </ul>
          {openObjectives.length > LISTED ? <p className="notice">{`and ${openObjectives.length - LISTED} more on the customer page`}</p> : null}
        </section>

        <Notes title="Open blockers" notes={blockers} empty="No open blockers." />
        <Notes title={`Wins since ${since}`} notes={wins} empty="No wins logged in the last four weeks." />
        <Notes title={`Risks since ${since}`} notes={risks} empty="No risks logged in the last four weeks." />
      </div>
    </article>
  );
}

export const ErrorBoundary = ErrorPage;
