import type { Kysely } from 'kysely';
import { insertApiToken } from '~/models/api-tokens.server';
import { recordAudit, type AuditedBy } from '~/models/audit.server';
import type { DB } from '../../db/schema';
import { hashSecret, randomSecret } from './secrets.server';

/** Issues an API token for a user, audited; the token itself is returned once here and stored only as a hash. */
export async function issueApiToken(db: Kysely<DB>, input: { userId: number; name: string; by: AuditedBy }) {
  return db.transaction().execute(async (trx) => {
    const token = `st_${randomSecret()}`;
    const row = await insertApiToken(trx, { userId: input.userId, name: input.name, tokenHash: hashSecret(token) });
    await recordAudit(trx, {
      ...input.by, action: 'api_token.created', entityType: 'api_token', entityId: row.id, after: { name: row.name, ownerId: input.userId },
    });
    return { ...row, token };
  });
}
