import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { TEMPLATE_DATABASE, databaseUrl, type TestDatabaseConfig } from './test-database-config';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseConfig;
  }
}

// Migrate once per run; each test file then starts from a copy (PGlite dump or PostgreSQL template).
export default async function setup(project: TestProject) {
  if (project.name === 'integration:postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = openPostgres(databaseUrl(serverUrl, TEMPLATE_DATABASE), 1);
    await migrateToLatest(template.db);
    await template.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl });
    return;
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
