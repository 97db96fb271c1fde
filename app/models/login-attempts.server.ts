import type { Executor } from './db.server';

export async function recordLoginAttempt(
  db: Executor,
  attempt: { email: string; ip: string; succeeded: boolean; now: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ email: attempt.email, ip: attempt.ip, succeeded: attempt.succeeded, attempted_at: attempt.now })
    .execute();
}

/** Failed sign-ins since `since`, for that email and for that IP address. */
export async function countRecentFailures(db: Executor, query: { email: string; ip: string; since: Date }) {
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
