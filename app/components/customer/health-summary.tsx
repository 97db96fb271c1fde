import type { CustomerHealth } from '~/domain/customer-health';
import { addDays } from '~/domain/dates';
import { STATUS_LABELS } from '~/domain/customer-health';
import { formatPct, formatUsd } from '~/domain/format';
import { ScrollTable } from '~/components/scroll-table';

const meets = (value: boolean | null) => (value === null ? '—' : value ? 'meets' : 'below');

/** A customer's status with every value, threshold and the snapshot date behind it. */
export function HealthSummary({ health }: { health: CustomerHealth }) {
  const { thresholds } = health;
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">
        <span className={`status status-${health.status}`}>{STATUS_LABELS[health.status]}</span>
      </h2>
      <p className="notice">
        {health.snapshotWeek
          ? `Latest snapshot: week of ${health.snapshotWeek}, ${
              health.fresh
                ? `fresh until ${addDays(health.snapshotWeek, 6 + thresholds.staleWindowDays)}`
                : `stale (older than ${thresholds.staleWindowDays} days)`
            }.`
          : 'No snapshot recorded yet.'}
      </p>
      <ScrollTable label="Metrics against their thresholds">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="number">Value</th>
            <th scope="col" className="number">Threshold</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Completions accepted</th>
            <td className="number">{formatPct(health.acceptancePct)}</td>
            <td className="number">{`≥ ${thresholds.acceptancePct} %`}</td>
            <td>{meets(health.meets.acceptance)}</td>
          </tr>
          <tr>
            <th scope="row">DAU over available developers</th>
            <td className="number">{formatPct(health.dauPct)}</td>
            <td className="number">{`≥ ${thresholds.dauPct} %`}</td>
            <td>{meets(health.meets.dau)}</td>
          </tr>
          <tr>
            <th scope="row">iARR realized</th>
            <td className="number">{formatUsd(health.iarrUsd)}</td>
            <td className="number">{`≥ ${formatUsd(thresholds.iarrUsd)}`}</td>
            <td>{meets(health.meets.iarr)}</td>
          </tr>
        </tbody>
      </ScrollTable>
    </section>
  );
}
