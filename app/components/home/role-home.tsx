import { Link } from '@remix-run/react';
import type { FrameworkAssessment } from '~/domain/framework';
import { PROGRESS_KIND_LABELS, type ProgressKind } from '~/domain/progress';
import { UPDATE_STATUS_LABELS, type UpdateStatus } from '~/domain/weekly-update';
import type { HealthStatus } from '~/domain/customer-health';
import { STATUS_LABELS } from '~/domain/customer-health';
import { countOf, formatDate } from '~/domain/format';
import { RequestDestinations, type RequestDestination } from '../request-destinations';

type EngineerHome = {
  role: 'engineer';
  partners: {
    slug: string; name: string; status: HealthStatus; weekRecorded: boolean; openItems: number;
    latest: { kind: string; occurredOn: string; body: string; open: boolean }[];
    objectivesDue: { id: number; title: string; dueOn: string; overdue: boolean }[];
  }[];
};
type OwnedObjective = { id: number; title: string; dueOn: string; overdue: boolean; customer: string; customerName: string };

const dueWords = (objective: { dueOn: string; overdue: boolean }) => `due ${objective.dueOn}${objective.overdue ? ', overdue' : ''}`;
type EmHome = {
  role: 'em';
  week: { weekStart: string; status: UpdateStatus; dueOn: string };
  unrecorded: { slug: string; name: string }[];
  openBlockers: number;
  blockers: { id: number; customer: string; customerName: string; occurredOn: string; body: string }[];
  destinations: RequestDestination[];
};
type ExecHome = { role: 'exec'; waiting: number; candidates: { slug: string; name: string; assessment: FrameworkAssessment | null }[] };
type ViewerHome = { role: 'viewer' };

const excerpt = (body: string) => (body.length > 120 ? `${body.slice(0, 117)}…` : body);

function MyPartners({ home }: { home: EngineerHome }) {
  return (
    <section className="card" aria-labelledby="my-partners-title">
      <h2 id="my-partners-title">My partners</h2>
      {home.partners.length === 0 ? (
        <p className="notice">You lead no active partner yet: an EM or an exec assigns lead engineers.</p>
      ) : (
        <ul className="home-list">
          {home.partners.map((partner) => (
            <li key={partner.slug}>
              <Link to={`/customers/${partner.slug}`}>{partner.name}</Link>{' '}
              <span className={`status status-${partner.status}`}>{STATUS_LABELS[partner.status]}</span>
              {' · '}
              {partner.weekRecorded ? 'this week is recorded' : <Link to={`/customers/${partner.slug}#record-week`}>record this week’s snapshot</Link>}
              {' · '}
              {partner.openItems === 0 ? 'nothing open' : <Link to={`/requests?customer=${partner.slug}`}>{`${countOf(partner.openItems, 'open blocker or request', 'open blockers and requests')}`}</Link>}
              {partner.objectivesDue.length > 0 ? (
                <p>
                  {'Objectives due soon: '}
                  {partner.objectivesDue.map((objective) => `${objective.title} (${dueWords(objective)})`).join('; ')}
                </p>
              ) : null}
              {partner.latest.length > 0 ? (
                <ul>
                  {partner.latest.map((entry, index) => (
                    <li key={index}>{`${PROGRESS_KIND_LABELS[entry.kind as ProgressKind]} (${formatDate(entry.occurredOn)}${entry.open ? ', open' : ''}): ${excerpt(entry.body)}`}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EmWeek({ home }: { home: EmHome }) {
  const { week } = home;
  return (
    <section className="card" aria-labelledby="em-week-title">
      <h2 id="em-week-title">This week</h2>
      <p>
        <Link to={`/updates/${week.weekStart}`}>{`Weekly update for the week of ${week.weekStart}`}</Link>
        {`: ${UPDATE_STATUS_LABELS[week.status]}; due Friday ${week.dueOn} 23:59.`}
      </p>
      <p>
        {home.unrecorded.length === 0 ? 'Every active partner has this week’s snapshot.' : 'No snapshot yet this week: '}
        {home.unrecorded.map((partner, index) => (
          <span key={partner.slug}>
            {index > 0 ? ', ' : null}
            <Link to={`/customers/${partner.slug}`}>{partner.name}</Link>
          </span>
        ))}
      </p>
      <h3>{`Open blockers (${home.openBlockers})`}</h3>
      {home.blockers.length === 0 ? (
        <p className="notice">No open blockers.</p>
      ) : (
        <ul>
          {home.blockers.map((blocker) => (
            <li key={blocker.id}>
              <Link to={`/customers/${blocker.customer}`}>{blocker.customerName}</Link>
              {` (since ${formatDate(blocker.occurredOn)}): ${excerpt(blocker.body)}`}
            </li>
          ))}
          {home.openBlockers > home.blockers.length ? (
            <li>
              <Link to="/requests?kind=blocker">{`All ${home.openBlockers} open blockers`}</Link>
            </li>
          ) : null}
        </ul>
      )}
      <h3>Open requests by destination</h3>
      <RequestDestinations destinations={home.destinations} />
    </section>
  );
}

function WaitingCandidates({ home }: { home: ExecHome }) {
  return (
    <section className="card" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Candidates waiting for your decision</h2>
      {home.candidates.length === 0 ? (
        <p className="notice">No candidate is waiting for a decision.</p>
      ) : (
        <ul>
          {home.candidates.map((candidate) => (
            <li key={candidate.slug}>
              <Link to={`/customers/${candidate.slug}`}>{candidate.name}</Link>
              {candidate.assessment
                ? ` · ${candidate.assessment.score}/5, ${candidate.assessment.fit} fit${candidate.assessment.eligible ? '' : ' · not eligible (outside the Strategic segment)'}`
                : ' · no framework answers yet'}
            </li>
          ))}
          {home.waiting > home.candidates.length ? (
            <li>
              <Link to="/candidates">{`All ${home.waiting} candidates`}</Link>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

/** The success-plan objectives the person owns that are due in the next 14 days or overdue. */
function MyObjectives({ objectives }: { objectives: OwnedObjective[] }) {
  if (objectives.length === 0) return null;
  return (
    <section className="card" aria-labelledby="my-objectives-title">
      <h2 id="my-objectives-title">My objectives due soon</h2>
      <ul className="home-list">
        {objectives.map((objective) => (
          <li key={objective.id}>
            <Link to={`/customers/${objective.customer}#plan-title`}>{objective.customerName}</Link>
            {`: ${objective.title} (${dueWords(objective)})`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The signed-in person's own work, above the portfolio: the objectives they own that are due soon, then a lead's
 * partners, the EM's week, the exec's decisions. */
export function RoleHome({ home }: { home: (EngineerHome | EmHome | ExecHome | ViewerHome) & { objectivesDue: OwnedObjective[] } }) {
  return (
    <>
      <MyObjectives objectives={home.objectivesDue} />
      <RoleWork home={home} />
    </>
  );
}

function RoleWork({ home }: { home: EngineerHome | EmHome | ExecHome | ViewerHome }) {
  switch (home.role) {
    case 'engineer':
      return <MyPartners home={home} />;
    case 'em':
      return <EmWeek home={home} />;
    case 'exec':
      return <WaitingCandidates home={home} />;
    case 'viewer':
      return <p className="notice">You can read everything here; nothing waits on you.</p>;
  }
}
