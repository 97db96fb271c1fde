import { sql } from 'kysely';
import { rateWindowStart } from '~/domain/api-rate-limit';
import type { SignedInUser } from '~/domain/roles';
import type { Executor } from './db.server';

export async function insertApiToken(db: Executor, token: { userId: number; name: string; tokenHash: string }) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name.trim(), token_hash: token.tokenHash })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * The owner of a live token (not revoked, owner not disabled), marking the token as used and counting the request
 * in its minute; null otherwise.
 */
export async function findTokenOwner(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ owner: SignedInUser; requestNumber: number } | null> {
  const window = rateWindowStart(now);
  const row = await db
    .updateTable('api_tokens')
    .set({
      last_used_at: now,
      // Both expressions read the row as it was: the count goes on within the window and restarts after it.
      rate_window_requests: sql<number>`case when api_tokens.rate_window_start = ${window} then api_tokens.rate_window_requests + 1 else 1 end`,
      rate_window_start: window,
    })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .returning(['users.id', 'users.email', 'users.name', 'users.role', 'api_tokens.rate_window_requests'])
    .executeTakeFirst();
  if (!row) return null;
  const { rate_window_requests: requestNumber, ...owner } = row;
  return { owner, requestNumber };
}

export async function listApiTokens(db: Executor, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(db: Executor, revocation: { userId: number; tokenId: number; now: Date }) {
  const revoked = await db
    .updateTable('api_tokens')
    .set({ revoked_at: revocation.now })
    .where('id', '=', revocation.tokenId)
    .where('user_id', '=', revocation.userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
  return revoked ?? null;
}
