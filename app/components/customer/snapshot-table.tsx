import { snapshotPercents, type Snapshot } from '~/domain/customer-health';
import { formatPct } from '../format';

/** Recent weekly snapshots with the percentages they give. */
export function SnapshotTable({ snapshots }: { snapshots: Snapshot[] }) {
  if (snapshots.length === 0) return <p className="notice">No weeks recorded yet.</p>;
  return (
    <table>
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
              <td className="number">{week.completionsShown.toLocaleString('en-US')}</td>
              <td className="number">{week.completionsAccepted.toLocaleString('en-US')}</td>
              <td className="number">{formatPct(acceptancePct)}</td>
              <td className="number">{week.dau.toLocaleString('en-US')}</td>
              <td className="number">{week.availableDevelopers.toLocaleString('en-US')}</td>
              <td className="number">{formatPct(dauPct)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
