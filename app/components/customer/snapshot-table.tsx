import { formatPct } from '../format';

type SnapshotRow = { week_start: string; completions_shown: number; completions_accepted: number; dau: number; available_developers: number };

/** Recent weekly snapshots with the percentages they give. */
export function SnapshotTable({ snapshots }: { snapshots: SnapshotRow[] }) {
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
        {snapshots.map((row) => (
          <tr key={row.week_start}>
            <th scope="row">{row.week_start}</th>
            <td className="number">{row.completions_shown.toLocaleString('en-US')}</td>
            <td className="number">{row.completions_accepted.toLocaleString('en-US')}</td>
            <td className="number">{formatPct(row.completions_shown ? (row.completions_accepted / row.completions_shown) * 100 : null)}</td>
            <td className="number">{row.dau.toLocaleString('en-US')}</td>
            <td className="number">{row.available_developers.toLocaleString('en-US')}</td>
            <td className="number">{formatPct((row.dau / row.available_developers) * 100)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
