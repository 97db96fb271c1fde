import type { Kysely } from 'kysely';
import { AppError } from '~/domain/app-error';
import type { Role, SignedInUser } from '~/domain/roles';
import { recordAudit } from '~/models/audit.server';
import { createUser, findUserForSignIn } from '~/models/users.server';
import type { DB } from '../../db/schema';
import type { SsoIdentity } from './sso.server';

export type SsoRefusal = 'unverified' | 'unknown' | 'disabled';

/** A person new to the app, signed in by the provider, given the default role: audited as the provider's doing. */
async function createSsoUser(db: Kysely<DB>, identity: SsoIdentity & { email: string }, role: Role, ip: string) {
  try {
    return await db.transaction().execute(async (trx) => {
      const name = identity.name?.trim() || identity.email.split('@')[0]!;
      const user = await createUser(trx, { email: identity.email, name, role, passwordHash: null });
      await recordAudit(trx, { actor: null, actorLabel: 'sso', action: 'user.created', entityType: 'user', entityId: user.id, after: user, ip });
      return user;
    });
  } catch (error) {
    // The same person's other sign-in, a moment earlier, made them.
    if (error instanceof AppError && error.code === 'email_taken') return null;
    throw error;
  }
}

/**
 * The user the provider's identity signs in (DOMAIN.md "Single sign-on"): the active user with its email when the
 * provider verified it; an unknown email makes a user only with a default role; a disabled user never. Audited.
 */
export async function signInWithIdentity(
  db: Kysely<DB>,
  identity: SsoIdentity,
  options: { defaultRole: Role | null; ip: string },
): Promise<{ outcome: 'signed_in'; user: SignedInUser } | { outcome: SsoRefusal }> {
  const refuse = async (outcome: SsoRefusal) => {
    await recordAudit(db, { actor: null, actorLabel: identity.email ?? `sso:${identity.subject}`, action: 'auth.sso_refused', after: { reason: outcome }, ip: options.ip });
    return { outcome };
  };
  if (!identity.email || !identity.emailVerified) return refuse('unverified');
  const email = identity.email.trim().toLowerCase();
  let user = await findUserForSignIn(db, email);
  if (!user && options.defaultRole) {
    await createSsoUser(db, { ...identity, email }, options.defaultRole, options.ip);
    user = await findUserForSignIn(db, email);
  }
  if (!user) return refuse('unknown');
  if (user.disabled_at) return refuse('disabled');
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  await recordAudit(db, { actor: signedIn, action: 'auth.signed_in', entityType: 'user', entityId: user.id, after: { method: 'sso' }, ip: options.ip });
  return { outcome: 'signed_in', user: signedIn };
}
