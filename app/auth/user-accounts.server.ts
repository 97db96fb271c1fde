import type { Kysely } from 'kysely';
import type { Role, SignedInUser } from '~/domain/roles';
import { recordAudit, type AuditedBy } from '~/models/audit.server';
import { createUser, setPasswordHash } from '~/models/users.server';
import type { DB } from '../../db/schema';
import { hashPassword } from './password.server';

/** Creates a user who signs in with this password (stored hashed), audited: the Users page and the CLI. */
export async function createUserAccount(
  db: Kysely<DB>,
  input: { email: string; name: string; role: Role; password: string; by: AuditedBy },
): Promise<SignedInUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await createUser(trx, { email: input.email, name: input.name, role: input.role, passwordHash });
    await recordAudit(trx, { ...input.by, action: 'user.created', entityType: 'user', entityId: user.id, after: user });
    return user;
  });
}

/** Gives a user a new password if still at `version`, ending their sessions, audited (without the password). */
export async function setUserPassword(
  db: Kysely<DB>,
  input: { id: number; version: number; password: string; by: AuditedBy },
): Promise<SignedInUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await setPasswordHash(trx, { id: input.id, version: input.version, passwordHash });
    await recordAudit(trx, { ...input.by, action: 'user.password_set', entityType: 'user', entityId: user.id, after: { email: user.email } });
    return user;
  });
}
