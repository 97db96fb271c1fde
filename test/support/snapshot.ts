import type { Kysely } from 'kysely';
import { currentSnapshot } from '~/models/snapshot-cache.server';
import type { DB } from '../../db/schema';

/**
 * Runs `check` (with a fresh attempt number each time) until it passes, forgiving a failure only when a commit came
 * in between: on the PostgreSQL server the other test files' databases share the cluster, and their commits
 * change every database's snapshot.
 */
export async function whileNothingCommits(db: Kysely<DB>, check: (attempt: number) => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const before = await currentSnapshot(db);
    try {
      return await check(attempt);
    } catch (error) {
      if (before === (await currentSnapshot(db))) throw error;
    }
  }
  throw new Error('The database never stood still for one check');
}
