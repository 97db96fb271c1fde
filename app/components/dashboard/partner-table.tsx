import { Link } from '@remix-run/react';
import type { CustomerHealth } from '~/domain/customer-health';
import { STATUS_LABELS } from '~/domain/customer-health';
import { formatPct, formatUsd } from '~/domain/format';
import { WeekChange } from './week-change';
import { ScrollTable } from '~/components/scroll-table';

export type PartnerRow = {
  slug: string;
  name: string;
  leadEngineer: { name: string } | null;
  health: Pick<CustomerHealth, 'status' | 'snapshotWeek' | 'fresh' | 'acceptancePct' | 'dauPct' | 'iarrUsd'>;
  changes: { acceptance: number | null; dau: number | null; iarr: number | null };
};

const points = (magnitude: number) => `${magnitude.toFixed(1)} points`;

/** Active partners: status, the three metrics against their thresholds with week-over-week arrows, freshness, lead. */
export function PartnerTable({ rows, thresholds }: { rows: PartnerRow[]; thresholds: CustomerHealth['thresholds'] }) {
  if (rows.length === 0) return <p className="notice">No active partners.</p>;
  return (
    <ScrollTable label="Active partners">
      <caption className="notice">Active partners</caption>
      <thead>
        <tr>
          <th scope="col">Partner</th>
          <th scope="col">Status</th>
          <th scope="col" className="number">{`Accepted (≥ ${thresholds.acceptancePct} %)`}</th>
          <th scope="col" className="number">{`DAU (≥ ${thresholds.dauPct} %)`}</th>
          <th scope="col" className="number">{`iARR (≥ ${formatUsd(thresholds.iarrUsd)})`}</th>
          <th scope="col">Latest week</th>
          <th scope="col">Lead engineer</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.slug}>
            <th scope="row">
              <Link to={`/customers/${row.slug}`}>{row.name}</Link>
            </th>
            <td className={`status status-${row.health.status}`}>{STATUS_LABELS[row.health.status]}</td>
            <td className="number">
              {formatPct(row.health.acceptancePct)}
              <WeekChange value={row.changes.acceptance} format={points} />
            </td>
            <td className="number">
              {formatPct(row.health.dauPct)}
              <WeekChange value={row.changes.dau} format={points} />
            </td>
            <td className="number">
              {formatUsd(row.health.iarrUsd)}
              <WeekChange value={row.changes.iarr} format={formatUsd} />
            </td>
            <td>{row.health.snapshotWeek ? `${row.health.snapshotWeek}${row.health.fresh ? '' : ' (stale)'}` : 'none'}</td>
            <td>{row.leadEngineer?.name ?? 'Unassigned'}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
