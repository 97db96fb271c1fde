import { sql } from 'kysely';
import type { Executor } from './db.server';

/** The format an export declares and a restore accepts (DOMAIN.md "Export and restore"). */
export const EXPORT_FORMAT = 'strat-tracker/1';

/**
 * The settings' history is the one collection not at the top of the document: it sits under `settings`, as
 * `settings.history`, beside the values it makes current. This is its name among COLLECTIONS.
 */
export const SETTINGS_HISTORY = 'settingsHistory';

type Collection = {
  /** The document's key. */
  name: string;
  table: string;
  /** The stored columns an export leaves out: secrets, and nothing else. */
  secret?: string[];
  /** The columns that order the rows: the primary key. */
  orderBy: string[];
};

/**
 * What an export holds, in the order a restore inserts it: every table a row refers to comes before that row, so
 * that a restore streams the document in one pass with every foreign key checked as it goes. Sessions, API tokens,
 * sign-in attempts, rate counters, events, notifications and deliveries are left out: secrets or passing state.
 */
export const COLLECTIONS: Collection[] = [
  { name: 'users', table: 'users', secret: ['password_hash'], orderBy: ['id'] },
  { name: SETTINGS_HISTORY, table: 'setting_changes', orderBy: ['id'] },
  { name: 'customers', table: 'customers', orderBy: ['id'] },
  { name: 'evaluations', table: 'framework_evaluations', orderBy: ['id'] },
  { name: 'decisions', table: 'decisions', orderBy: ['id'] },
  { name: 'handoffs', table: 'handoffs', orderBy: ['customer_id'] },
  { name: 'snapshots', table: 'metric_snapshots', orderBy: ['customer_id', 'week_start'] },
  { name: 'iarr', table: 'iarr_entries', orderBy: ['id'] },
  { name: 'themes', table: 'feedback_themes', orderBy: ['id'] },
  { name: 'progress', table: 'progress_entries', orderBy: ['id'] },
  { name: 'objectives', table: 'objectives', orderBy: ['id'] },
  { name: 'weeklyUpdates', table: 'weekly_updates', orderBy: ['id'] },
  { name: 'webhooks', table: 'webhooks', secret: ['secret'], orderBy: ['id'] },
  { name: 'audit', table: 'audit_log', orderBy: ['id'] },
];

/** Each table's stored columns in table order: generated ones (the search vector) are computed, not stored data. */
export async function storedColumns(db: Executor): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name = any(${COLLECTIONS.map((collection) => collection.table)}::text[])
      and is_generated = 'NEVER'
    order by table_name, ordinal_position`.execute(db);
  const columns = new Map<string, string[]>();
  for (const row of rows) columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
  return new Map(
    COLLECTIONS.map((collection) => [collection.table, columns.get(collection.table)!.filter((column) => !collection.secret?.includes(column))]),
  );
}
