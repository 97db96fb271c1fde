import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { COLLECTIONS, EXPORT_FORMAT, SETTINGS_HISTORY, storedColumns } from './backup-collections.server';
import type { Executor } from './db.server';
import { getSettings, getTeamTimeZone } from './settings.server';

/** Rows fetched from the cursor at a time: enough to keep round trips few, few enough to keep memory flat. */
const BATCH_ROWS = 1000;

/**
 * One table's rows as JSON text, ordered by its key, BATCH_ROWS at a time. PostgreSQL writes each row's JSON
 * (row_to_json), so timestamps, numerics, arrays and jsonb come out exactly as stored, without a round trip through
 * JavaScript values.
 */
async function* tableRows(trx: Executor, table: string, columns: string[], orderBy: string[]): AsyncGenerator<string> {
  const list = sql.join(columns.map((column) => sql.id(column)));
  const order = sql.join(orderBy.map((column) => sql.id(column)));
  await sql`declare export_rows no scroll cursor for
    select row_to_json(t)::text as row from (select ${list} from ${sql.table(table)} order by ${order}) t`.execute(trx);
  let first = true;
  for (;;) {
    const { rows } = await sql<{ row: string }>`fetch ${sql.raw(String(BATCH_ROWS))} from export_rows`.execute(trx);
    if (rows.length === 0) break;
    yield `${first ? '' : ','}${rows.map((row) => row.row).join(',')}`;
    first = false;
  }
  await sql`close export_rows`.execute(trx);
}

async function* documentParts(trx: Executor, exportedAt: Date, defaultTimeZone: string): AsyncGenerator<string> {
  const columns = await storedColumns(trx);
  const current = { ...(await getSettings(trx)), teamTimeZone: await getTeamTimeZone(trx, defaultTimeZone) };
  yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"exportedAt":${JSON.stringify(exportedAt.toISOString())}`;
  for (const { name, table, orderBy } of COLLECTIONS) {
    yield name === SETTINGS_HISTORY ? `,"settings":{"current":${JSON.stringify(current)},"history":[` : `,${JSON.stringify(name)}:[`;
    yield* tableRows(trx, table, columns.get(table)!, orderBy);
    yield name === SETTINGS_HISTORY ? ']}' : ']';
  }
  yield '}';
}

/**
 * Writes the whole export document (DOMAIN.md "Export and restore") to `out` as it is read: one consistent snapshot
 * of the database (a repeatable-read transaction), timestamps in UTC, never more than a batch of rows in memory.
 * Rejects, having destroyed `out`, when the reader goes away or the database fails midway.
 */
export async function writeExport(db: Kysely<DB>, out: Writable, options: { exportedAt: Date; defaultTimeZone: string }): Promise<void> {
  await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    await sql`set local time zone 'UTC'`.execute(trx);
    await pipeline(Readable.from(documentParts(trx, options.exportedAt, options.defaultTimeZone)), out);
  });
}

/** writeExport as a stream to answer a request with; a failure midway ends the stream with an error, and is logged. */
export function exportStream(db: Kysely<DB>, options: { exportedAt: Date; defaultTimeZone: string }): PassThrough {
  const out = new PassThrough();
  writeExport(db, out, options).catch((error: unknown) => {
    if (!out.destroyed) console.error('The export failed midway:', error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}
