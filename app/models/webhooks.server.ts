import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { sql, type Kysely } from 'kysely';
import { AppError, invalidFields } from '~/domain/app-error';
import { webhookTestEvent, type EventKind } from '~/domain/events';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import type { Executor } from './db.server';
import { raiseEvent } from './events.server';
import { unreachableHostProblem } from './webhook-address.server';

/** How many of a webhook's latest deliveries Settings shows. */
const RECENT_DELIVERIES = 10;

/** Every webhook, oldest first, with its latest deliveries and whether it is paused (never its secret). */
export async function listWebhooks(db: Executor) {
  return db
    .selectFrom('webhooks')
    .select((eb) => [
      'webhooks.id', 'webhooks.url', 'webhooks.events', 'webhooks.created_at',
      sql<boolean>`webhooks.secret is null`.as('paused'),
      jsonArrayFrom(
        eb
          .selectFrom('webhook_deliveries')
          .innerJoin('events', 'events.id', 'webhook_deliveries.event_id')
          .select([
            'webhook_deliveries.id', 'events.kind as event', 'webhook_deliveries.status', 'webhook_deliveries.attempts',
            'webhook_deliveries.last_attempt_at', 'webhook_deliveries.last_status_code', 'webhook_deliveries.last_error',
            'webhook_deliveries.next_attempt_at',
          ])
          .whereRef('webhook_deliveries.webhook_id', '=', 'webhooks.id')
          .orderBy('webhook_deliveries.id', 'desc')
          .limit(RECENT_DELIVERIES),
      ).as('deliveries'),
    ])
    .orderBy('webhooks.id')
    .execute();
}

/**
 * Adds a webhook for these events with its secret (which the caller shows once, and nothing reads back). A URL whose
 * host is, or resolves to, a private address is a 422 on `url` unless private addresses are allowed.
 */
export async function createWebhook(
  db: Kysely<DB>,
  input: { url: string; events: EventKind[]; secret: string; allowPrivate: boolean } & Audited,
): Promise<{ id: number; url: string; events: EventKind[]; secret: string }> {
  const problem = await unreachableHostProblem(new URL(input.url), input.allowPrivate);
  if (problem) throw invalidFields({ url: problem }, problem);
  const { secret } = input;
  const events = [...new Set(input.events)];
  return db.transaction().execute(async (trx) => {
    const webhook = await trx
      .insertInto('webhooks')
      .values({ url: input.url, events, secret, created_by: input.actor.id, created_at: input.now })
      .returning(['id', 'url'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: input.actor, action: 'webhook.created', entityType: 'webhook', entityId: webhook.id, after: { url: webhook.url, events }, ip: input.ip });
    return { ...webhook, events, secret };
  });
}

/** Deletes a webhook and its deliveries; false when there is none with that id. */
export async function deleteWebhook(db: Kysely<DB>, input: { id: number } & Audited): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('webhooks').where('id', '=', input.id).returning(['id', 'url', 'events']).executeTakeFirst();
    if (!deleted) return false;
    await recordAudit(trx, { actor: input.actor, action: 'webhook.deleted', entityType: 'webhook', entityId: deleted.id, before: deleted, ip: input.ip });
    return true;
  });
}

/**
 * Gives a webhook a new secret (which the caller shows once): the old one stops signing at once, and a paused
 * webhook — restored without its secret — sends again. Null when there is none with that id.
 */
export async function renewWebhookSecret(
  db: Kysely<DB>,
  input: { id: number; secret: string } & Audited,
): Promise<{ id: number; url: string; events: string[]; secret: string } | null> {
  return db.transaction().execute(async (trx) => {
    const webhook = await trx.updateTable('webhooks').set({ secret: input.secret }).where('id', '=', input.id).returning(['id', 'url', 'events']).executeTakeFirst();
    if (!webhook) return null;
    await recordAudit(trx, { actor: input.actor, action: 'webhook.secret_renewed', entityType: 'webhook', entityId: webhook.id, ip: input.ip });
    return { ...webhook, secret: input.secret };
  });
}

/** Queues a test event for one webhook; false when there is none with that id, a 409 when it is paused. */
export async function sendTestEvent(db: Kysely<DB>, input: { id: number } & Audited): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const webhook = await trx.selectFrom('webhooks').select(['id', 'secret']).where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!webhook) return false;
    if (webhook.secret === null) throw new AppError({ status: 409, code: 'paused', message: 'This webhook is paused: give it a new secret first.' });
    await raiseEvent(trx, webhookTestEvent(webhook.id), input.now, { webhookId: webhook.id });
    await recordAudit(trx, { actor: input.actor, action: 'webhook.tested', entityType: 'webhook', entityId: webhook.id, ip: input.ip });
    return true;
  });
}
