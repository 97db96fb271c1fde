import { afterAll, beforeAll, expect, it } from 'vitest';
import { blockerOpenedEvent } from '~/domain/events';
import { startBackgroundJobs, type BackgroundJobs } from '~/jobs/background-jobs.server';
import { raiseEvent } from '~/models/events.server';
import { createWebhook } from '~/models/webhooks.server';
import { openPostgres, type Database } from '../../db/connection';
import { createTestCustomer } from '../factories/customers';
import { createTestUser } from '../factories/users';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Two app instances on one PostgreSQL database: each with its own pool, its own LISTEN and its own sender.
let database: TestDatabase;
let second: Database;
let instances: BackgroundJobs[];
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  second = openPostgres(database.url!);
  receiver = await startWebhookReceiver();
  const start = (instance: Pick<Database, 'db' | 'listen'>) =>
    startBackgroundJobs({ database: instance, now: () => new Date(), defaultTimeZone: 'UTC', allowPrivateWebhooks: true });
  instances = [await start(database), await start(second)];
});

afterAll(async () => {
  for (const instance of instances ?? []) await instance.stop();
  await receiver?.close();
  await second?.close();
  await database?.close();
});

it('sends each delivery exactly once between two instances sharing the outbox', async () => {
  const { db } = database;
  const exec = await createTestUser(db, 'exec');
  const customer = await createTestCustomer(db, { stage: 'active' });
  await createWebhook(db, { url: receiver.url, events: ['blocker.opened'], secret: 'a-test-secret', allowPrivate: true, actor: exec, now: new Date() });
  const count = 120;
  // Raised from both instances' pools, several at a time, as requests would.
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      (index % 2 ? second.db : db).transaction().execute((trx) => raiseEvent(trx, blockerOpenedEvent(customer, { id: index, body: `Blocker ${index}` }), new Date())),
    ),
  );
  await receiver.waitFor(count, 20_000);
  for (const instance of instances) await instance.sender.idle();
  // Anything sent twice would have come by now.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ids = receiver.received.map((delivery) => delivery.headers['x-strat-delivery']);
  expect(ids).toHaveLength(count);
  expect(new Set(ids).size).toBe(count);
  const rows = await db.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
  expect(rows).toHaveLength(count);
  expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
});
