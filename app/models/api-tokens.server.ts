import type { Role } from '~/domain/roles';
import type { Executor } from './db.server';

export async function insertApiToken(db: Executor, token: { userId: number; name: string; tokenHash: string }) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name.trim(), token_hash: token.tokenHash })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** The owner of a live token (not revoked, owner not disabled), marking the token as used; null otherwise. */
export async function findTokenOwner(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ id: number; email: string; name: string; role: Role } | null> {
  const owner = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .returning(['users.id', 'users.email', 'users.name', 'users.role'])
    .executeTakeFirst();
  return owner ?? null;
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
