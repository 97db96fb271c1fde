import type { SignedInUser } from '~/domain/roles';
import type { Executor } from './db.server';

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
// Recording every request's time would be a write per page view; a minute's precision is enough for 2 h.
export const TOUCH_AFTER_MS = 60 * 1000;

export async function insertSession(db: Executor, session: { idHash: string; userId: number; now: Date }) {
  await db
    .insertInto('sessions')
    .values({ id_hash: session.idHash, user_id: session.userId, created_at: session.now, last_seen_at: session.now })
    .execute();
}

/**
 * A live session: its user, the time until which the session, while nothing in the database changes, stays as it
 * was found (its next mark as seen or its end, whichever comes first), and whether this look-up marked it as seen.
 */
export type LiveSession = { user: SignedInUser; unchangedUntil: number; markedSeen: boolean };

/**
 * A live session: not past 12 h since sign-in, not idle for 2 h, user not disabled.
 * Marks the session as seen; an expired session is deleted.
 */
export async function findLiveSession(
  db: Executor,
  idHash: string,
  now: Date,
): Promise<LiveSession | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.disabled_at', 'sessions.created_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const expired =
    now.getTime() - row.created_at.getTime() >= SESSION_ABSOLUTE_MS ||
    now.getTime() - row.last_seen_at.getTime() >= SESSION_IDLE_MS;
  if (expired || row.disabled_at) {
    await deleteSession(db, idHash);
    return null;
  }
  let lastSeen = row.last_seen_at.getTime();
  const markedSeen = now.getTime() - lastSeen >= TOUCH_AFTER_MS;
  if (markedSeen) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    lastSeen = now.getTime();
  }
  // The next mark as seen comes before the idle end (TOUCH_AFTER_MS < SESSION_IDLE_MS); the absolute end may come first.
  const unchangedUntil = Math.min(lastSeen + TOUCH_AFTER_MS, row.created_at.getTime() + SESSION_ABSOLUTE_MS);
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, unchangedUntil, markedSeen };
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}
