import { snapshotPercents, type Snapshot } from '~/domain/customer-health';
import { formatCount, formatPct } from '~/domain/format';
import { ScrollTable } from '~/components/scroll-table';

/** Recent weekly snapshots with the percentages they give. */
export function SnapshotTable({ snapshots }: { snapshots: Snapshot[] }) {
  if (snapshots.length === 0) return <p className="notice">No weeks recorded yet.</p>;
  return (
    <ScrollTable label="Weekly snapshots">
      <caption className="notice">The last {snapshots.length} weeks recorded</caption>
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col" className="number">Shown</th>
          <th scope="col" className="number">Accepted</th>
          <th scope="col" className="number">Acceptance</th>
          <th scope="col" className="number">DAU</th>
          <th scope="col" className="number">Developers</th>
          <th scope="col" className="number">DAU %</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((week) => {
          const { acceptancePct, dauPct } = snapshotPercents(week);
          return (
            <tr key={week.weekStart}>
              <th scope="row">{week.weekStart}</th>
              <td className="number">{formatCount(week.completionsShown)}</td>
              <td className="number">{formatCount(week.completionsAccepted)}</td>
              <td className="number">{formatPct(acceptancePct)}</td>
              <td className="number">{formatCount(week.dau)}</td>
              <td className="number">{formatCount(week.availableDevelopers)}</td>
              <td className="number">{formatPct(dauPct)}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
