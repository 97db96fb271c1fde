import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Entry = { snapshot: string; value: Promise<unknown> };

const MAX_ENTRIES = 64;
const cachesByDatabase = new WeakMap<Kysely<DB>, Map<string, Entry>>();

function cacheOf(db: Kysely<DB>): Map<string, Entry> {
  let cache = cachesByDatabase.get(db);
  if (!cache) cachesByDatabase.set(db, (cache = new Map()));
  return cache;
}

/** PostgreSQL's snapshot as text: the same text again means no transaction has committed since. */
export async function currentSnapshot(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
  return rows[0]!.snapshot;
}

/**
 * `load(db)` memoized under `key` for as long as no transaction commits.
 *
 * PostgreSQL's snapshot (`xmin:xmax:in-progress ids`) names exactly which commits a query can see, and any commit
 * changes it for good, so a request that finds the same snapshot as the one a value was loaded at would load the
 * same value. Checking costs one tiny query; a write anywhere (a sign-in, a snapshot, a setting) starts afresh.
 * Requests that arrive together while the value loads share that one load. `seen`: the snapshot this request took
 * already (the page cache's), which saves taking it again.
 */
export async function readThroughSnapshot<T>(db: Kysely<DB>, key: string, load: (db: Kysely<DB>) => Promise<T>, seen?: string): Promise<T> {
  const snapshot = seen ?? (await currentSnapshot(db));
  const cache = cacheOf(db);
  const cached = cache.get(key);
  if (cached?.snapshot === snapshot) return cached.value as Promise<T>;

  const value = load(db);
  const entry = { snapshot, value };
  cache.delete(key);
  cache.set(key, entry);
  // A Map keeps insertion order: the first key is the one least recently loaded.
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
