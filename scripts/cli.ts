import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import type { DB } from '../db/schema';

/** The `--name value` options of a command; unknown options are an error. */
export function readOptions<const Names extends string>(names: readonly Names[]): Partial<Record<Names, string>> {
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  return parseArgs({ options, allowPositionals: false }).values as Partial<Record<Names, string>>;
}

/** Runs a command on the database that DATABASE_URL / DATA_DIR name, migrated first; prints failures plainly. */
export async function runCommand(command: (db: Kysely<DB>) => Promise<void>): Promise<void> {
  let database;
  try {
    database = await openDatabase();
    await migrateToLatest(database.db);
    await command(database.db);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
