import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor } from './db.server';

// Advisory lock spaces (pg_advisory_xact_lock(space, key)) that serialize the attempts on one account and on one
// address, across every instance sharing the database. An attempt always takes the account's lock first.
const ACCOUNT_LOCK_SPACE = 7301;
const ADDRESS_LOCK_SPACE = 7302;

/** Failed sign-ins since `since`, for that email and for that IP address. */
async function countRecentFailures(db: Executor, query: { email: string; ip: string; since: Date }) {
  const count = (column: 'email' | 'ip', value: string) =>
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('failures'))
      .where(column, '=', value)
      .where('succeeded', '=', false)
      .where('attempted_at', '>', query.since)
      .executeTakeFirstOrThrow();
  const [byEmail, byIp] = [await count('email', query.email), await count('ip', query.ip)];
  return { byEmail: byEmail.failures, byIp: byIp.failures };
}

/**
 * Counts a sign-in attempt as failed before its password is checked, if the account and the address are still
 * under their limits; returns its id, or null when throttled. Serialized per account and per address, so of N
 * attempts at once at most the limit are let through to the password check.
 */
export async function reserveSignInAttempt(
  db: Kysely<DB>,
  attempt: { email: string; ip: string; now: Date; since: Date; maxPerAccount: number; maxPerIp: number },
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK_SPACE}, hashtext(${attempt.email}))`.execute(trx);
    await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_SPACE}, hashtext(${attempt.ip}))`.execute(trx);
    const failures = await countRecentFailures(trx, attempt);
    if (failures.byEmail >= attempt.maxPerAccount || failures.byIp >= attempt.maxPerIp) return null;
    const { id } = await trx
      .insertInto('login_attempts')
      .values({ email: attempt.email, ip: attempt.ip, succeeded: false, attempted_at: attempt.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
}

/** Marks a reserved attempt as the sign-in that succeeded, so it no longer counts as a failure. */
export async function markSignInSucceeded(db: Executor, attemptId: number): Promise<void> {
  await db.updateTable('login_attempts').set({ succeeded: true }).where('id', '=', attemptId).execute();
}
