import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { databaseUrl, type TestDatabaseConfig } from './test-database-config';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseConfig;
  }
}

// Migrate once per run; each test file then starts from a copy (PGlite dump or PostgreSQL template).
export default async function setup(project: TestProject) {
  if (project.name === 'integration:postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    // A template of this run's own: runs side by side (a developer's and CI's) must not drop each other's.
    const template = `strat_test_template_${process.pid}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    await admin(`create database ${template}`);
    const migrated = openPostgres(databaseUrl(serverUrl, template), 1);
    await migrateToLatest(migrated.db);
    await migrated.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template });
    return () => admin(`drop database if exists ${template} with (force)`);
  }
  const pglite = await PGlite.create();
  const database = openPglite(pglite);
  await migrateToLatest(database.db);
  const dumpFile = path.join(project.config.root, 'test', '.tmp', 'migrated-pglite.tar.gz');
  mkdirSync(path.dirname(dumpFile), { recursive: true });
  writeFileSync(dumpFile, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await database.close();
  project.provide('testDatabase', { kind: 'pglite', dumpFile });
}
