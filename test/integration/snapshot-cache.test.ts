import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readThroughSnapshot } from '~/models/snapshot-cache.server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTestCustomer } from '../factories/customers';
import { whileNothingCommits } from '../support/snapshot';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** A load that counts its runs and reads the customers' names. */
function countingLoad() {
  const load = async (db: TestDatabase['db']) => {
    load.runs += 1;
    return (await db.selectFrom('customers').select('name').orderBy('name').execute()).map((row) => row.name);
  };
  load.runs = 0;
  return load;
}

describe('reading through the snapshot cache', () => {
  it('loads once while nothing commits, and afresh after any commit', async () => {
    await whileNothingCommits(database.db, async (attempt) => {
      const key = `attempt ${attempt}`;
      const load = countingLoad();
      const first = await readThroughSnapshot(database.db, key, load);
      expect(await readThroughSnapshot(database.db, key, load)).toBe(first);
      expect(load.runs).toBe(1);
    });

    const load = countingLoad();
    await readThroughSnapshot(database.db, 'names', load);
    const customer = await createTestCustomer(database.db);
    expect(await readThroughSnapshot(database.db, 'names', load)).toContain(customer.name);
    expect(load.runs).toBe(2);
  });

  it('keeps each key apart and each database apart', async () => {
    const load = countingLoad();
    await readThroughSnapshot(database.db, 'one', load);
    await readThroughSnapshot(database.db, 'two', load);
    expect(load.runs).toBe(2);
    const other = await createTestDatabase();
    try {
      expect(await readThroughSnapshot(other.db, 'one', load)).toEqual([]);
      expect(load.runs).toBe(3);
    } finally {
      await other.close();
    }
  });

  it('shares one load among requests that arrive together', async () => {
    await whileNothingCommits(database.db, async (attempt) => {
      const key = `attempt ${attempt}`;
      const load = countingLoad();
      const results = await Promise.all(Array.from({ length: 5 }, () => readThroughSnapshot(database.db, key, load)));
      expect(new Set(results).size).toBe(1);
      expect(load.runs).toBe(1);
    });
  });

  it('does not keep a failed load', async () => {
    let runs = 0;
    const failOnce = async () => {
      runs += 1;
      if (runs === 1) throw new Error('the database went away');
      return 'loaded';
    };
    await expect(readThroughSnapshot(database.db, 'flaky', failOnce)).rejects.toThrow('the database went away');
    expect(await readThroughSnapshot(database.db, 'flaky', failOnce)).toBe('loaded');
  });
});
