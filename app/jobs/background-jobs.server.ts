import type { Database } from '../../db/connection';
import { OUTBOX_CHANNEL } from '~/models/events.server';
import { startPeriodicChecks } from './periodic-checks.server';
import { startWebhookSender, type WebhookSender } from './webhook-sender.server';

export type BackgroundJobs = { sender: WebhookSender; stop(): Promise<void> };

/**
 * What the server runs besides answering requests: the webhook sender, woken by each committed delivery
 * (LISTEN/NOTIFY) and by its own timer for retries, and the periodic checks.
 */
export async function startBackgroundJobs(options: {
  database: Pick<Database, 'db' | 'listen'>;
  now: () => Date;
  defaultTimeZone: string;
  allowPrivateWebhooks: boolean;
  webhookTimeoutMs?: number;
}): Promise<BackgroundJobs> {
  const { db } = options.database;
  const sender = startWebhookSender({ db, now: options.now, allowPrivate: options.allowPrivateWebhooks, timeoutMs: options.webhookTimeoutMs });
  const unlisten = await options.database.listen(OUTBOX_CHANNEL, () => sender.wake());
  const checks = startPeriodicChecks({ db, now: options.now, defaultTimeZone: options.defaultTimeZone });
  return {
    sender,
    async stop() {
      await unlisten();
      await checks.stop();
      await sender.stop();
    },
  };
}
