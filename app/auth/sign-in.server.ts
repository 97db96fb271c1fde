import type { AppContext } from '~/http/load-context';
import { recordAudit } from '~/models/audit.server';
import { countRecentFailures, recordLoginAttempt } from '~/models/login-attempts.server';
import { findUserForSignIn, type UserSummary } from '~/models/users.server';
import { verifyDecoy, verifyPassword } from './password.server';

// Counted in the database, so the limits hold across restarts and across several app instances.
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 10,
  // Higher than per account: a whole office may share one address.
  maxFailuresPerIp: 50,
};

export type SignInResult = { outcome: 'signed_in'; user: UserSummary } | { outcome: 'invalid' | 'throttled' };

/** Checks an email and password, throttled per account and per IP address; every attempt is audited. */
export async function attemptSignIn(
  context: AppContext,
  credentials: { email: string; password: string },
): Promise<SignInResult> {
  const { db, clientIp: ip } = context;
  const now = context.now();
  const email = credentials.email.trim().toLowerCase();
  const failures = await countRecentFailures(db, {
    email, ip, since: new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs),
  });
  if (failures.byEmail >= SIGN_IN_THROTTLE.maxFailuresPerAccount || failures.byIp >= SIGN_IN_THROTTLE.maxFailuresPerIp) {
    await recordAudit(db, { actor: null, actorLabel: email, action: 'auth.sign_in_throttled', ip });
    return { outcome: 'throttled' };
  }
  const user = await findUserForSignIn(db, email);
  const valid = user && !user.disabled_at
    ? await verifyPassword(credentials.password, user.password_hash)
    : await verifyDecoy(credentials.password);
  await recordLoginAttempt(db, { email, ip, succeeded: valid, now });
  if (!valid || !user) {
    await recordAudit(db, { actor: null, actorLabel: email, action: 'auth.sign_in_failed', ip });
    return { outcome: 'invalid' };
  }
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  await recordAudit(db, { actor: signedIn, action: 'auth.signed_in', entityType: 'user', entityId: user.id, ip });
  return { outcome: 'signed_in', user: signedIn };
}
