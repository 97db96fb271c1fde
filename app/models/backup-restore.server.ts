import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { recordAudit } from './audit.server';
import { COLLECTIONS, EXPORT_FORMAT, SETTINGS_HISTORY, storedColumns } from './backup-collections.server';
import type { Executor } from './db.server';

/** A restore that cannot be done, with why in words; nothing has been written. */
export class RestoreRefused extends Error {}

/** Rows inserted in one statement. */
const BATCH_ROWS = 500;

const TOP_LEVEL_KEYS = ['format', 'exportedAt', 'settings', ...COLLECTIONS.map((collection) => collection.name).filter((name) => name !== SETTINGS_HISTORY)];
const BY_NAME = new Map(COLLECTIONS.map((collection) => [collection.name, collection]));

type Batch = { name: string; rows: Record<string, unknown>[] };

/**
 * The keys of the document's top-level object, seen from the tokens: an empty collection emits no value, and a
 * collection that is missing must still be told from one that is empty.
 */
function topLevelKeyTracker() {
  const keys = new Set<string>();
  let depth = 0;
  let expectingKey = false;
  return {
    keys,
    see(token: TokenType, value: unknown) {
      if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
        depth += 1;
        expectingKey = depth === 1 && token === TokenType.LEFT_BRACE;
      } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
        depth -= 1;
      } else if (depth === 1 && token === TokenType.COMMA) {
        expectingKey = true;
      } else if (depth === 1 && expectingKey && token === TokenType.STRING) {
        keys.add(String(value));
        expectingKey = false;
      }
    },
  };
}

function checkRow(name: string, index: number, row: unknown, columns: string[]): Record<string, unknown> {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new RestoreRefused(`${name}[${index}] is not an object.`);
  const keys = Object.keys(row);
  const unknown = keys.find((key) => !columns.includes(key));
  if (unknown !== undefined) throw new RestoreRefused(`${name}[${index}] has a field this version does not store: ${JSON.stringify(unknown.slice(0, 60))}.`);
  const missing = columns.find((column) => !keys.includes(column));
  if (missing !== undefined) throw new RestoreRefused(`${name}[${index}] lacks its ${missing}.`);
  return row as Record<string, unknown>;
}

async function insertBatch(trx: Executor, batch: Batch, columns: string[]) {
  const table = BY_NAME.get(batch.name)!.table;
  const list = sql.join(columns.map((column) => sql.id(column)));
  try {
    // PostgreSQL turns the JSON into the table's row type itself, so each value is read as its column reads text.
    await sql`insert into ${sql.table(table)} (${list}) overriding system value
      select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch.rows)}::json)`.execute(trx);
  } catch (error) {
    const { message, detail } = error as { message: string; detail?: string };
    throw new RestoreRefused(`${batch.name} cannot be restored: ${message}${detail ? ` (${detail})` : ''}.`);
  }
}

/** Refuses any database that holds data in what a restore writes. */
async function assertEmpty(trx: Executor) {
  const checks = COLLECTIONS.map(({ table }) => sql<boolean>`exists (select from ${sql.table(table)})`.as(table));
  const row = (await trx.selectNoFrom(checks).executeTakeFirstOrThrow()) as Record<string, boolean>;
  const holding = COLLECTIONS.filter(({ table }) => row[table]).map(({ table }) => table);
  if (holding.length > 0) {
    throw new RestoreRefused(`The database is not empty (it holds ${holding.join(', ')}): restore into a fresh database.`);
  }
}

/** Moves each identity sequence past the restored ids, so that the next row gets a new one. */
async function advanceIdentities(trx: Executor) {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES' and table_name = any(${COLLECTIONS.map((collection) => collection.table)}::text[])`.execute(trx);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), max(${sql.ref(column)})) from ${sql.table(table)} having count(*) > 0`.execute(trx);
  }
}

export type RestoreSummary = { exportedAt: string; rows: Record<string, number> };

/**
 * Loads an export document (DOMAIN.md "Export and restore") into an empty database in one transaction, streaming it
 * from `chunks` a batch at a time: ids, versions and the audit log as they were, users without passwords, webhooks
 * paused (without secrets). Anything else — a database with data, another format, a broken or truncated file, a row
 * the schema refuses — is a RestoreRefused, with nothing written.
 */
export async function restoreExport(db: Kysely<DB>, chunks: AsyncIterable<Uint8Array | string>): Promise<RestoreSummary> {
  return db.transaction().execute(async (trx) => {
    await assertEmpty(trx);
    const columns = await storedColumns(trx);
    const tracker = topLevelKeyTracker();
    const tokenizer = new Tokenizer();
    const parser = new TokenParser({ paths: ['$.format', '$.exportedAt', '$.*.*'], keepStack: false });
    const header: { format?: unknown; exportedAt?: unknown; current?: unknown } = {};
    const counts = new Map<string, number>(COLLECTIONS.map((collection) => [collection.name, 0]));
    const pending: Batch[] = [];

    const take = (name: string, row: unknown) => {
      if (header.format !== EXPORT_FORMAT) throw new RestoreRefused(`Not a ${EXPORT_FORMAT} export: the file must begin with "format": "${EXPORT_FORMAT}".`);
      const index = counts.get(name)!;
      counts.set(name, index + 1);
      const checked = checkRow(name, index, row, columns.get(BY_NAME.get(name)!.table)!);
      const last = pending.at(-1);
      if (last?.name === name) last.rows.push(checked);
      else pending.push({ name, rows: [checked] });
    };
    parser.onValue = ({ value, key, stack }) => {
      if (stack.length === 1) {
        if (key === 'format' && value !== EXPORT_FORMAT) throw new RestoreRefused(`Not a ${EXPORT_FORMAT} export (its format is ${JSON.stringify(value).slice(0, 60)}).`);
        if (key === 'format' || key === 'exportedAt') header[key] = value;
        return;
      }
      const top = String(stack[1]!.key);
      if (top === 'settings' && key === 'current') header.current = value;
      else if (top === 'settings' && key === 'history' && Array.isArray(value)) value.forEach((row) => take(SETTINGS_HISTORY, row));
      else if (BY_NAME.has(top) && top !== SETTINGS_HISTORY && typeof key === 'number') take(top, value);
      else throw new RestoreRefused(`The file holds ${JSON.stringify(`${top}.${String(key)}`).slice(0, 80)}, which a ${EXPORT_FORMAT} export does not.`);
    };
    tokenizer.onToken = (info) => {
      tracker.see(info.token, info.value);
      parser.write(info);
    };

    const flush = async (all: boolean) => {
      while (pending.length > (all ? 0 : 1) || (pending[0]?.rows.length ?? 0) >= BATCH_ROWS) {
        const batch = pending[0]!;
        const rows = batch.rows.splice(0, BATCH_ROWS);
        if (batch.rows.length === 0) pending.shift();
        await insertBatch(trx, { name: batch.name, rows }, columns.get(BY_NAME.get(batch.name)!.table)!);
      }
    };
    const parse = (write: () => void, problem: (message: string) => string) => {
      try {
        write();
      } catch (error) {
        if (error instanceof RestoreRefused) throw error;
        throw new RestoreRefused(problem((error as Error).message.slice(0, 200).replace(/\.+$/, '')));
      }
    };
    const truncated = 'The file ends before its document does: it is truncated.';

    for await (const chunk of chunks) {
      parse(() => tokenizer.write(chunk), (message) => `The file is not valid JSON: ${message}.`);
      await flush(false);
    }
    parse(() => tokenizer.end(), () => truncated);
    if (!parser.isEnded) throw new RestoreRefused(truncated);
    const missing = TOP_LEVEL_KEYS.filter((key) => !tracker.keys.has(key));
    if (missing.length > 0) throw new RestoreRefused(`The file lacks ${missing.join(', ')}: it is not a whole ${EXPORT_FORMAT} export.`);
    if (typeof header.current !== 'object' || header.current === null) throw new RestoreRefused('The file lacks settings.current.');
    await flush(true);
    await advanceIdentities(trx);

    const rows = Object.fromEntries(counts);
    const exportedAt = String(header.exportedAt);
    await recordAudit(trx, { actor: null, actorLabel: 'cli', action: 'database.restored', after: { exportedAt, rows } });
    return { exportedAt, rows };
  });
}
