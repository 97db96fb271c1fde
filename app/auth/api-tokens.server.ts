import { insertApiToken } from '~/models/api-tokens.server';
import type { Executor } from '~/models/db.server';
import { hashSecret, randomSecret } from './secrets.server';

/** Issues an API token for a user; the token itself is returned once here and stored only as a hash. */
export async function issueApiToken(db: Executor, owner: { userId: number; name: string }) {
  const token = `st_${randomSecret()}`;
  const row = await insertApiToken(db, { userId: owner.userId, name: owner.name, tokenHash: hashSecret(token) });
  return { ...row, token };
}
