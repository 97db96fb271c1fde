import { Link } from '@remix-run/react';
import { STATUS_LABELS, type CustomerHealth } from '~/domain/customer-health';
import { formatDate, formatPct, formatUsd } from '~/domain/format';
import { ScrollTable } from '~/components/scroll-table';

export type HealthRow = {
  slug: string;
  name: string;
  leadEngineer: { name: string } | null;
  health: Pick<CustomerHealth, 'status' | 'snapshotWeek' | 'fresh' | 'acceptancePct' | 'dauPct' | 'iarrUsd'>;
};

/** Partners with their status and the values behind it. */
export function CustomerHealthTable({ rows, caption }: { rows: HealthRow[]; caption: string }) {
  if (rows.length === 0) return <p className="notice">None yet.</p>;
  return (
    <ScrollTable label={caption}>
      <caption className="notice">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Lead engineer</th>
          <th scope="col">Status</th>
          <th scope="col" className="number">Accepted</th>
          <th scope="col" className="number">DAU / developers</th>
          <th scope="col" className="number">iARR realized</th>
          <th scope="col">Latest week</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.slug}>
            <th scope="row">
              <Link to={`/customers/${row.slug}`}>{row.name}</Link>
            </th>
            <td>{row.leadEngineer?.name ?? 'Unassigned'}</td>
            <td className={`status status-${row.health.status}`}>{STATUS_LABELS[row.health.status]}</td>
            <td className="number">{formatPct(row.health.acceptancePct)}</td>
            <td className="number">{formatPct(row.health.dauPct)}</td>
            <td className="number">{formatUsd(row.health.iarrUsd)}</td>
            <td>
              {formatDate(row.health.snapshotWeek)}
              {row.health.snapshotWeek && !row.health.fresh ? ' (stale)' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
