import { createInterface } from 'node:readline/promises';
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

/** A password typed at the terminal, not echoed; an error when there is no terminal to ask at. */
export async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('Set USER_PASSWORD, or run this in a terminal to be asked for the password.');
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: the readline echo goes through _writeToOutput.
  const echo = prompt as unknown as { _writeToOutput: (text: string) => void };
  process.stdout.write('Password (at least 12 characters): ');
  echo._writeToOutput = () => {};
  const password = await prompt.question('');
  prompt.close();
  process.stdout.write('\n');
  return password;
}
