// `npm start`: migrate, seed demo data into a fresh embedded database, serve.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { dateInZone } from '~/domain/dates';
import { createHttpApp } from '~/http/create-http-app.server';
import { createBoundedServer } from '~/http/request-limits.server';
import { startBackgroundJobs } from '~/jobs/background-jobs.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './demo-data';
import { loadRuntimeConfig } from './runtime-config';

const config = loadRuntimeConfig();
const database = await openDatabase();
await migrateToLatest(database.db);

const hasUsers = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
if (database.kind === 'pglite' && !config.production && !hasUsers) {
  await seedDemoData(database.db, dateInZone(new Date(), config.teamTimezone));
  console.log('Seeded demo data into the new embedded database.');
}
const demoUser = await database.db.selectFrom('users').select('id').where('email', '=', DEMO_USERS[0]!.email).executeTakeFirst();

const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
const app = createHttpApp({
  build,
  db: database.db,
  sessionSecret: config.sessionSecret,
  production: config.production,
  teamTimezone: config.teamTimezone,
  publicDir: path.resolve('public'),
  trustProxy: config.trustProxy,
  allowPrivateWebhooks: config.allowPrivateWebhooks,
  sso: config.sso,
  passwordLogin: config.passwordLogin,
});
const jobs = await startBackgroundJobs({
  database, now: () => new Date(), defaultTimeZone: config.teamTimezone, allowPrivateWebhooks: config.allowPrivateWebhooks,
});

const server = createBoundedServer(app).listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Strat Tracker is running at http://localhost:${port} (${database.kind === 'pglite' ? 'embedded database' : 'PostgreSQL'})`);
  if (demoUser && !config.production) {
    console.log(`Demo sign-ins (password: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS.slice(0, 4)) console.log(`  ${user.email.padEnd(18)} ${user.role}`);
  }
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  jobs
    .stop()
    .then(() => database.close())
    .finally(() => process.exit(0));
}
// A fault in one request's work must not end the server for everyone: it is logged, and the server goes on.
process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
