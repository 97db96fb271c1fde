import { stringify } from 'csv-stringify/sync';
import type { ImportKind } from '~/schemas/import-kinds';
import { CSV_COLUMNS } from './csv-import.server';
import type { Executor } from './db.server';

// OWASP's rule against formula injection: a spreadsheet runs a cell that begins with one of these as a formula, so
// such a text cell is led by a quote, which shows it as the text it is.
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV of the rows, every text cell safe to open in a spreadsheet. */
function toCsv(rows: unknown[][]): string {
  return stringify(rows, { cast: { string: (value) => (FORMULA_START.test(value) ? `'${value}` : value) } });
}

/** All snapshots or all iARR entries as CSV, in the columns the import takes back. */
export async function exportCsv(db: Executor, kind: ImportKind): Promise<string> {
  const rows =
    kind === 'snapshots'
      ? (
          await db
            .selectFrom('metric_snapshots')
            .innerJoin('customers', 'customers.id', 'metric_snapshots.customer_id')
            .select(['customers.slug', 'week_start', 'completions_shown', 'completions_accepted', 'dau', 'available_developers'])
            .orderBy('customers.slug')
            .orderBy('week_start')
            .execute()
        ).map((row) => [row.slug, row.week_start, row.completions_shown, row.completions_accepted, row.dau, row.available_developers])
      : (
          await db
            .selectFrom('iarr_entries')
            .innerJoin('customers', 'customers.id', 'iarr_entries.customer_id')
            .select(['customers.slug', 'booked_on', 'amount_usd', 'kind', 'note', 'external_id'])
            .orderBy('customers.slug')
            .orderBy('booked_on')
            .orderBy('iarr_entries.id')
            .execute()
        ).map((row) => [row.slug, row.booked_on, row.amount_usd, row.kind, row.note, row.external_id ?? '']);
  return toCsv([CSV_COLUMNS[kind], ...rows]);
}

/** A template: the header and one example row. */
export function templateCsv(kind: ImportKind, weekStart: string): string {
  const example =
    kind === 'snapshots'
      ? ['northwind-logistics', weekStart, 20000, 7000, 850, 1200]
      : ['northwind-logistics', weekStart, 120000, 'expansion', 'Signed order form', 'crm-1234'];
  return toCsv([CSV_COLUMNS[kind], example]);
}
