// `npm run seed:demo`: fictional demo data, into an empty database only, never in production.
import { dateInZone } from '~/domain/dates';
import { runCommand } from './cli';
import { DEMO_PASSWORD, seedDemoData } from './demo-data';

await runCommand(async (db) => {
  if (process.env.NODE_ENV === 'production') throw new Error('Demo data is never seeded in production.');
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) {
    throw new Error('This database already has users: demo data goes only into an empty one.');
  }
  await seedDemoData(db, dateInZone(new Date(), process.env.TEAM_TIMEZONE || 'UTC'));
  console.log(`Seeded demo data. The demo users' password is ${DEMO_PASSWORD}`);
});
