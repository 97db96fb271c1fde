import type { Kysely } from 'kysely';
import { kindsReceivedBy, type EventKind } from '~/domain/events';
import type { Role } from '~/domain/roles';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import type { Executor } from './db.server';

export const INBOX_PAGE = 50;

/** A user's notifications, newest first, `limit` at a time (older than `beforeId` when given). */
export async function listNotifications(db: Executor, userId: number, options: { beforeId?: number; limit?: number } = {}) {
  let query = db
    .selectFrom('notifications')
    .innerJoin('events', 'events.id', 'notifications.event_id')
    .select(['notifications.id', 'events.kind as event', 'events.occurred_at as createdAt', 'notifications.read_at as readAt', 'events.text', 'events.link'])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.id', 'desc')
    .limit(options.limit ?? INBOX_PAGE);
  if (options.beforeId) query = query.where('notifications.id', '<', options.beforeId);
  return query.execute();
}

/** How many of a user's notifications are unread. */
export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}

/** Marks a user's notifications read: those ids (others' ids are ignored), or all; returns how many were unread. */
export async function markNotificationsRead(db: Executor, input: { userId: number; now: Date } & ({ ids: number[] } | { all: true })): Promise<number> {
  let query = db.updateTable('notifications').set({ read_at: input.now }).where('user_id', '=', input.userId).where('read_at', 'is', null);
  if ('ids' in input) {
    if (input.ids.length === 0) return 0;
    query = query.where('id', 'in', input.ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The kinds a user of this role can get, and whether each is muted. */
export async function listNotificationChoices(db: Executor, user: { id: number; role: Role }) {
  const muted = new Set((await db.selectFrom('notification_mutes').select('kind').where('user_id', '=', user.id).execute()).map((row) => row.kind));
  return kindsReceivedBy(user.role).map((kind) => ({ kind, muted: muted.has(kind) }));
}

/** Makes `muted` the user's muted kinds, all at once (a double submit changes nothing more). */
export async function setMutedKinds(db: Kysely<DB>, input: { muted: EventKind[] } & Audited): Promise<void> {
  const userId = input.actor.id;
  const after = [...new Set(input.muted)].sort();
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('notification_mutes').where('user_id', '=', userId).returning('kind').execute();
    if (after.length > 0) await trx.insertInto('notification_mutes').values(after.map((kind) => ({ user_id: userId, kind }))).execute();
    const before = removed.map((row) => row.kind).sort();
    if (before.join() === after.join()) return;
    await recordAudit(trx, { actor: input.actor, action: 'notifications.muted', entityType: 'user', entityId: userId, before, after, ip: input.ip });
  });
}
