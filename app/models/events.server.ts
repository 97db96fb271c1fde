import { sql, type Transaction } from 'kysely';
import type { HealthStatus } from '~/domain/customer-health';
import { audienceOf, gateChangeEvent, statusChangeEvents, TEST_EVENT, type EventDraft } from '~/domain/events';
import type { DB } from '../../db/schema';
import type { Executor } from './db.server';
import { listWatchedGraduates } from './customers.server';
import { loadIntakeGate } from './intake-gate.server';

/** The channel a committed delivery is announced on, so that a sender wakes at once (LISTEN/NOTIFY). */
export const OUTBOX_CHANNEL = 'strat_outbox';

// Taken first by every write that can move the intake gate or a partner's status, so that such writes are judged
// one after the other: each one's "before" is the last one's "after", and no change goes unraised.
const PORTFOLIO_LOCK = 2_026_120_201;

/** The users whose inbox gets an event of this kind about this customer: by role, muted kinds left out. */
function addToInboxes(trx: Executor, eventId: number, kind: Exclude<EventDraft['kind'], typeof TEST_EVENT>, customerId: number | null) {
  const { roles, leads } = audienceOf(kind);
  return trx
    .insertInto('notifications')
    .columns(['user_id', 'event_id'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select(['users.id', sql<number>`${eventId}::bigint`.as('event_id')])
        .where('users.disabled_at', 'is', null)
        .where((where) => {
          const byRole = where('users.role', 'in', roles);
          if (!leads || customerId === null) return byRole;
          const leadsIt = where.and([
            where('users.role', '=', 'engineer'),
            where('users.id', '=', where.selectFrom('customers').select('lead_engineer_id').where('customers.id', '=', customerId)),
          ]);
          return where.or([byRole, leadsIt]);
        })
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('notification_mutes').select('kind').whereRef('notification_mutes.user_id', '=', 'users.id').where('notification_mutes.kind', '=', kind))),
        ),
    )
    .execute();
}

/**
 * Queues the event for the webhooks that want it (or for one webhook), and wakes a sender once the write commits. A
 * paused webhook (restored without its secret) gets nothing.
 */
async function queueDeliveries(trx: Executor, eventId: number, kind: string, at: Date, webhookId?: number) {
  let webhooks = trx
    .selectFrom('webhooks')
    .select(['webhooks.id', sql<number>`${eventId}::bigint`.as('event_id'), sql<Date>`${at}::timestamptz`.as('next_attempt_at')])
    .where('webhooks.secret', 'is not', null);
  webhooks = webhookId === undefined ? webhooks.where(sql<boolean>`${kind} = any(webhooks.events)`) : webhooks.where('webhooks.id', '=', webhookId);
  const queued = await trx
    .insertInto('webhook_deliveries')
    .columns(['webhook_id', 'event_id', 'next_attempt_at'])
    .expression(webhooks)
    .returning('id')
    .execute();
  if (queued.length > 0) await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
}

/**
 * Raises an event in the transaction of the write that causes it: the event, its inbox rows and its webhook
 * deliveries stand or fall with that write. A fact raised already (the same dedupe key) raises nothing; returns
 * the new event's id, else null.
 */
export async function raiseEvent(trx: Executor, draft: EventDraft, at: Date, options: { webhookId?: number } = {}): Promise<number | null> {
  const event = await trx
    .insertInto('events')
    .values({
      kind: draft.kind, occurred_at: at, customer_id: draft.customerId ?? null, data: JSON.stringify(draft.data), text: draft.text,
      link: draft.link, dedupe_key: draft.dedupeKey ?? null,
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!event) return null;
  if (draft.kind !== TEST_EVENT) await addToInboxes(trx, event.id, draft.kind, draft.customerId ?? null);
  await queueDeliveries(trx, event.id, draft.kind, at, options.webhookId);
  return event.id;
}

type PortfolioState = Awaited<ReturnType<typeof loadIntakeGate>>;

/**
 * Runs a write that can move the intake gate or a partner's status (snapshots, iARR, decisions, hand-offs and ends,
 * settings), then raises gate.opened / gate.closed and partner.status_changed for what it moved. Call it first in
 * the write's transaction: it takes the lock that orders such writes. The write gets the state before it.
 */
export async function watchingPortfolio<T>(
  trx: Transaction<DB>,
  at: { today: string; now: Date },
  write: (before: PortfolioState) => Promise<T>,
): Promise<T> {
  await sql`select pg_advisory_xact_lock(${PORTFOLIO_LOCK})`.execute(trx);
  // The partners whose status is watched: the active ones, and the graduates of the last 12 weeks.
  const watched = async (state: PortfolioState) => [...state.partners, ...(await listWatchedGraduates(trx, { today: at.today, settings: state.settings }))];
  const before = await loadIntakeGate(trx, at.today);
  const watchedBefore = await watched(before);
  const result = await write(before);
  const after = await loadIntakeGate(trx, at.today);
  const statuses = new Map<string, HealthStatus>(watchedBefore.map((partner) => [partner.slug, partner.health.status]));
  // The partners' changes first, then the gate's they caused: newest first, an inbox shows the gate on top.
  const drafts = [
    ...statusChangeEvents(statuses, (await watched(after)).map((partner) => ({ ...partner, status: partner.health.status }))),
    gateChangeEvent(before.gate, after.gate, after.names),
  ];
  for (const draft of drafts) if (draft) await raiseEvent(trx, draft, at.now);
  return result;
}
