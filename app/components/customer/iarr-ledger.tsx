import { formatUsd } from '~/domain/format';
import { ScrollTable } from '~/components/scroll-table';

type LedgerEntry = { id: number; booked_on: string; amount_usd: number; kind: 'expansion' | 'net_new'; note: string; running_total: number };

/** What is realized by today, in all and by kind (expansion, net new). */
export function IarrRealized({ entries, today }: { entries: Pick<LedgerEntry, 'booked_on' | 'amount_usd' | 'kind'>[]; today: string }) {
  const realized = entries.filter((entry) => entry.booked_on <= today);
  const total = (kind: LedgerEntry['kind']) => realized.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + entry.amount_usd, 0);
  return (
    <p>
      {`Realized by ${today}: ${formatUsd(total('expansion') + total('net_new'))} — expansion ${formatUsd(total('expansion'))}, net new ${formatUsd(total('net_new'))}.`}
    </p>
  );
}

/** The iARR ledger with its running total, and the split by kind of what is realized by today. */
export function IarrLedger({ entries, today }: { entries: LedgerEntry[]; today: string }) {
  if (entries.length === 0) return <p className="notice">No iARR booked yet.</p>;
  return (
    <>
      <IarrRealized entries={entries} today={today} />
      <ScrollTable label="iARR ledger">
        <caption className="notice">iARR ledger</caption>
        <thead>
          <tr>
            <th scope="col">Booked on</th>
            <th scope="col">Kind</th>
            <th scope="col" className="number">Amount</th>
            <th scope="col" className="number">Running total</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.booked_on > today ? `${entry.booked_on} (future)` : entry.booked_on}</td>
              <td>{entry.kind === 'net_new' ? 'net new' : 'expansion'}</td>
              <td className="number">{formatUsd(entry.amount_usd)}</td>
              <td className="number">{formatUsd(entry.running_total)}</td>
              <td>{entry.note}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
