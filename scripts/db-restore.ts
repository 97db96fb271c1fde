// `npm run db:restore -- FILE`: loads an export (GET /api/v1/export) into the empty database that DATABASE_URL /
// DATA_DIR name, in one transaction; refuses, writing nothing, anything else.
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { restoreExport } from '~/models/backup-restore.server';
import { runCommand } from './cli';

await runCommand(async (db) => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Error('Usage: npm run db:restore -- FILE (an export from GET /api/v1/export)');
  const file = positionals[0]!;
  const { exportedAt, rows } = await restoreExport(db, createReadStream(file));
  const counted = Object.entries(rows).map(([name, count]) => `${count} ${name}`).join(', ');
  console.log(`Restored the export of ${exportedAt}: ${counted}.`);
  console.log('Users have no passwords yet: set one with `npm run user:password -- --email E` (or they sign in with SSO).');
  if (rows.webhooks! > 0) console.log('Webhooks are paused until an exec or EM gives each a new secret on the Settings page.');
});
