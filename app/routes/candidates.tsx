import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { FrameworkSummary } from '~/components/framework-summary';
import { IntakeGateBanner } from '~/components/intake-gate-banner';
import { assessFramework, type FrameworkAssessment } from '~/domain/framework';
import { can } from '~/domain/roles';
import { teamToday } from '~/http/team-date.server';
import { listCandidates } from '~/models/customers.server';
import { CandidateListSchema, type CandidateSort } from '~/schemas/candidates';
import { MAX_SHOWN } from '~/domain/paging';
import { ShowMoreLink } from '~/components/show-more-link';
import { loadIntakeGateWithForecast } from '~/models/intake-gate.server';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Candidates · Strat Tracker' }];

type Row = { slug: string; name: string; relatedMarket: string | null; assessment: FrameworkAssessment | null };

const rowsOf = (rows: Awaited<ReturnType<typeof listCandidates>>['rows']): Row[] =>
  rows.map(({ slug, name, answers }) => ({ slug, name, relatedMarket: answers?.relatedMarket ?? null, assessment: answers && assessFramework(answers) }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read');
  const list = CandidateListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ gate, names, forecast, settings }, candidates, rejected] = await Promise.all([
    loadIntakeGateWithForecast(context.db, teamToday(context)),
    listCandidates(context.db, { stage: 'candidate', sort: list.sort, limit: list.shown }),
    listCandidates(context.db, { stage: 'rejected', sort: list.sort, limit: list.rejectedShown }),
  ]);
  return {
    gate,
    forecast: { forecast, thresholds: { acceptancePct: settings.acceptancePct, dauPct: settings.dauPct } },
    partners: names,
    list,
    candidates: { rows: rowsOf(candidates.rows), total: candidates.total },
    rejected: { rows: rowsOf(rejected.rows), total: rejected.total },
    canAdd: can(user.role, 'editCandidates'),
  };
}

function SortLink({ sort, label }: { sort: CandidateSort; label: string }) {
  const current = useLoaderData<typeof loader>().list.sort;
  return (
    <Link to={`?sort=${sort}`} aria-current={current === sort ? 'true' : undefined} className="sort-link">
      {label}
    </Link>
  );
}

function CandidateTable({ list: { rows, total }, caption, count }: { list: { rows: Row[]; total: number }; caption: string; count: 'shown' | 'rejectedShown' }) {
  const { list } = useLoaderData<typeof loader>();
  if (rows.length === 0) return <p className="notice">None.</p>;
  return (
    <>
      <ScrollTable label={caption}>
        <caption className="notice">{total > rows.length ? `${caption}: the first ${rows.length} of ${total}` : caption}</caption>
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
      {total > rows.length && list[count] < MAX_SHOWN ? <ShowMoreLink filter={list} count={count}>Show more of them</ShowMoreLink> : null}
    </>
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
      <CandidateTable list={candidates} count="shown" caption="Candidates, by the decision framework (sort by a column heading)" />
      <h2>Rejected</h2>
      <CandidateTable list={rejected} count="rejectedShown" caption="Rejected customers; an exec can reconsider them" />
    </>
  );
}

export const ErrorBoundary = ErrorPage;
