import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { FrameworkSummary } from '~/components/framework-summary';
import { IntakeGateBanner } from '~/components/intake-gate-banner';
import { assessFramework, type FrameworkAssessment } from '~/domain/framework';
import { can } from '~/domain/roles';
import { teamToday } from '~/http/team-date.server';
import { listCandidateRows } from '~/models/customers.server';
import { loadIntakeGateWithForecast } from '~/models/intake-gate.server';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Candidates · Strat Tracker' }];

const SORTS = {
  score: (a: Row, b: Row) => (b.assessment?.score ?? -1) - (a.assessment?.score ?? -1) || a.name.localeCompare(b.name),
  name: (a: Row, b: Row) => a.name.localeCompare(b.name),
  eligibility: (a: Row, b: Row) => Number(b.assessment?.eligible ?? false) - Number(a.assessment?.eligible ?? false) || SORTS.score(a, b),
};
type Sort = keyof typeof SORTS;
type Row = { slug: string; name: string; stage: string; relatedMarket: string | null; assessment: FrameworkAssessment | null };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const requested = new URL(request.url).searchParams.get('sort');
  const sort: Sort = requested && Object.hasOwn(SORTS, requested) ? (requested as Sort) : 'score';
  const { gate, names, forecast, settings } = await loadIntakeGateWithForecast(context.db, teamToday(context));
  const rows: Row[] = (await listCandidateRows(context.db)).map(({ answers, ...row }) => ({
    ...row,
    relatedMarket: answers?.relatedMarket ?? null,
    assessment: answers && assessFramework(answers),
  }));
  rows.sort(SORTS[sort]);
  return {
    gate,
    forecast: { forecast, thresholds: { acceptancePct: settings.acceptancePct, dauPct: settings.dauPct } },
    partners: names,
    candidates: rows.filter((row) => row.stage === 'candidate'),
    rejected: rows.filter((row) => row.stage === 'rejected'),
    canAdd: can(user.role, 'editCandidates'),
  };
}

function SortLink({ sort, label }: { sort: Sort; label: string }) {
  const [searchParams] = useSearchParams();
  const current = searchParams.get('sort') ?? 'score';
  return (
    <Link to={`?sort=${sort}`} aria-current={current === sort ? 'true' : undefined} className="sort-link">
      {label}
    </Link>
  );
}

function CandidateTable({ rows, caption }: { rows: Row[]; caption: string }) {
  if (rows.length === 0) return <p className="notice">None.</p>;
  return (
    <ScrollTable label={caption}>
      <caption className="notice">{caption}</caption>
      <thead>
        <tr>
          <th scope="col"><SortLink sort="name" label="Customer" /></th>
          <th scope="col"><SortLink sort="eligibility" label="Eligible" /></th>
          <th scope="col"><SortLink sort="score" label="Score and fit" /></th>
          <th scope="col">Related market</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.slug}>
            <th scope="row"><Link to={`/customers/${row.slug}`}>{row.name}</Link></th>
            <td>{row.assessment ? (row.assessment.eligible ? 'Yes' : 'No: outside the Strategic segment') : '—'}</td>
            <td>{row.assessment ? <FrameworkSummary assessment={row.assessment} /> : 'No answers yet'}</td>
            <td>{row.relatedMarket ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export default function Candidates() {
  const { gate, forecast, partners, candidates, rejected, canAdd } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-title">
        <h1>Candidates</h1>
        {canAdd ? <Link to="/candidates/new" className="button">Add a candidate</Link> : null}
      </div>
      <IntakeGateBanner gate={gate} partners={partners} forecast={forecast} />
      <CandidateTable rows={candidates} caption="Candidates, by the decision framework (sort by a column heading)" />
      <h2>Rejected</h2>
      <CandidateTable rows={rejected} caption="Rejected customers; an exec can reconsider them" />
    </>
  );
}

export const ErrorBoundary = ErrorPage;
