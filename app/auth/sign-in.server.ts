import type { SignedInUser } from '~/domain/roles';
import type { AppContext } from '~/http/load-context';
import { recordAudit } from '~/models/audit.server';
import { markSignInSucceeded, reserveSignInAttempt } from '~/models/login-attempts.server';
import { findUserForSignIn } from '~/models/users.server';
import { verifyDecoy, verifyPassword } from './password.server';

// Counted in the database, so the limits hold across restarts and across several app instances.
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 10,
  // Higher than per account: a whole office may share one address.
  maxFailuresPerIp: 50,
};

export type SignInResult = { outcome: 'signed_in'; user: SignedInUser } | { outcome: 'invalid' | 'throttled' };

/** Checks an email and password, throttled per account and per IP address; every attempt is audited. */
export async function attemptSignIn(
  context: AppContext,
  credentials: { email: string; password: string },
): Promise<SignInResult> {
  const { db, clientIp: ip } = context;
  const now = context.now();
  const email = credentials.email.trim().toLowerCase();
  // Counted before the password is checked: a burst of attempts at once cannot get past the limit.
  const attemptId = await reserveSignInAttempt(db, {
    email, ip, now, since: new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs),
    maxPerAccount: SIGN_IN_THROTTLE.maxFailuresPerAccount, maxPerIp: SIGN_IN_THROTTLE.maxFailuresPerIp,
  });
  if (attemptId === null) {
    await recordAudit(db, { actor: null, actorLabel: email, action: 'auth.sign_in_throttled', ip });
    return { outcome: 'throttled' };
  }
  const user = await findUserForSignIn(db, email);
  // A user restored without a password (or one who only signs in with SSO) has none to match.
  const valid = user && !user.disabled_at && user.password_hash
    ? await verifyPassword(credentials.password, user.password_hash)
    : await verifyDecoy(credentials.password);
  if (!valid || !user) {
    await recordAudit(db, { actor: null, actorLabel: email, action: 'auth.sign_in_failed', ip });
    return { outcome: 'invalid' };
  }
  await markSignInSucceeded(db, attemptId);
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  await recordAudit(db, { actor: signedIn, action: 'auth.signed_in', entityType: 'user', entityId: user.id, ip });
  return { outcome: 'signed_in', user: signedIn };
}
