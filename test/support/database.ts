import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../db/connection';
import { databaseUrl } from './test-database-config';

export type TestDatabase = Database & { url: string | null };

async function withAdmin<T>(serverUrl: string, run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

async function createPostgresDatabase(serverUrl: string, template: string): Promise<TestDatabase> {
  const name = `strat_test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const url = databaseUrl(serverUrl, name);
  const database = openPostgres(url);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await withAdmin(serverUrl, async (admin) => {
        // pg's pool.end() resolves before its clients' sockets close: forcing the drop then would kill them
        // mid-close, which surfaces as unhandled errors. Wait for them to go first.
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const { rows } = await admin.query('select count(*)::int as open from pg_stat_activity where datname = $1', [name]);
          if (rows[0].open === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`drop database ${name} with (force)`);
      });
    },
  };
}

/** A clean, migrated database of this test file's own: PGlite or the PostgreSQL server, as the project says. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const config = inject('testDatabase');
  if (config.kind === 'postgres') return createPostgresDatabase(config.serverUrl, config.template);
  const dump = new Blob([await readFile(config.dumpFile)]);
  return { ...openPglite(await PGlite.create({ loadDataDir: dump })), url: null };
}

/** An empty database with no schema at all, to migrate from nothing. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const config = inject('testDatabase');
  if (config.kind === 'postgres') return createPostgresDatabase(config.serverUrl, 'template0');
  return { ...openPglite(await PGlite.create()), url: null };
}
