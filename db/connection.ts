import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

/** The environment variables the database is chosen by (process.env, or a test's own). */
export type Environment = Record<string, string | undefined>;

export type Database = {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Calls `onNotify` at each NOTIFY on the channel (once the notifying transaction commits); returns how to stop. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const INT8 = 20;
const DATE = 1082;

// Dates stay ISO strings (a JS Date would shift them by the server's zone); int8 ids and whole-dollar
// amounts fit a JS number exactly, so they are parsed as numbers. numeric stays a string.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE) return (value: string) => value;
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** The data folder of the embedded database: `DATA_DIR`, `.data/` by default. */
export function dataDirectory(env: Environment = process.env): string {
  return path.resolve(env.DATA_DIR || '.data');
}

/** Opens PostgreSQL at `DATABASE_URL`, or the embedded PGlite in the data folder when it is unset. */
export async function openDatabase(env: Environment = process.env): Promise<Database> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const folder = dataDirectory(env);
  const pgdata = path.join(folder, 'pgdata');
  mkdirSync(pgdata, { recursive: true });
  const releaseLock = lockDataFolder(folder);
  try {
    // PGlite's 128 MB default buffer pool lives in the WASM heap and is never given back; the team's data is
    // small and the OS page cache still serves the files, so 16 MB keeps the server's memory down.
    const database = openPglite(await PGlite.create(pgdata, { postgresqlconf: ['shared_buffers = 16MB'] }));
    return { ...database, close: () => database.close().finally(releaseLock) };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// PGlite has no lock of its own, and two processes on one data folder corrupt it.
function lockDataFolder(folder: string): () => void {
  const lockFile = path.join(folder, 'pglite.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The embedded database in ${folder} is open in process ${holder} (the server?). ` +
          'Stop that process first, or use the app itself, or set DATABASE_URL to a PostgreSQL server.',
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

/** LISTEN on a connection of its own, connecting again a second after it drops. */
async function listenOnPostgres(connectionString: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (client === next) client = null;
      next.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1_000).unref();
    };
    next.on('error', drop);
    next.on('end', drop);
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    try {
      await next.connect();
      await next.query(`listen "${channel}"`);
    } catch (error) {
      drop();
      throw error;
    }
    client = next;
    // A notification may have come while no connection listened.
    onNotify();
  };
  await connect().catch((error: unknown) => {
    stopped = true;
    throw error;
  });
  return async () => {
    stopped = true;
    await client?.end();
  };
}

export function openPostgres(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max, types });
  return {
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    kind: 'postgres',
    listen: (channel, onNotify) => listenOnPostgres(connectionString, channel, onNotify),
    close: () => pool.end(),
  };
}

/** Wraps a PGlite instance; closing the database closes PGlite too. */
export function openPglite(pglite: PGlite): Database {
  // PGlite runs one statement at a time: one pooled connection that never idles out.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0, types });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    // PGlite delivers the NOTIFYs of its own connection's commits.
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, onNotify);
      return () => unlisten();
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}
