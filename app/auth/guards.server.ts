import { redirect } from '@remix-run/node';
import { API_REQUESTS_PER_MINUTE, isOverRateLimit, secondsUntilNextWindow } from '~/domain/api-rate-limit';
import { can, type Permission, type SignedInUser } from '~/domain/roles';
import type { AppContext } from '~/http/load-context';
import { apiError, plainResponse } from '~/http/responses.server';
import { findTokenOwner } from '~/models/api-tokens.server';
import { recordAudit } from '~/models/audit.server';
import { customersNotLoggableBy } from '~/models/customer-access.server';
import type { LiveSession } from '~/models/sessions.server';
import { hashSecret } from './secrets.server';
import { getLiveSession } from './session.server';

/** The request's live session, or null; looked up once per request. */
export function getSession(request: Request, context: AppContext): Promise<LiveSession | null> {
  return (context.notes.session ??= getLiveSession(request, context));
}

/** The signed-in user, or null. */
export async function getUser(request: Request, context: AppContext): Promise<SignedInUser | null> {
  return (await getSession(request, context))?.user ?? null;
}

/** The signed-in user; otherwise a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request, context: AppContext): Promise<SignedInUser> {
  const user = await getUser(request, context);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

async function auditRefusal(request: Request, context: AppContext, user: SignedInUser, permission: string) {
  await recordAudit(context.db, {
    actor: user,
    action: 'access.denied',
    entityType: 'route',
    entityId: new URL(request.url).pathname,
    after: { method: request.method, permission, role: user.role },
    ip: context.clientIp,
  });
}

/** Audits a refusal and returns the 403 page response to throw. */
export async function forbidden(
  request: Request,
  context: AppContext,
  user: SignedInUser,
  what: string,
  message = `Your role (${user.role}) may not ${what}.`,
): Promise<Response> {
  await auditRefusal(request, context, user, what);
  return plainResponse(message, 403);
}

const PERMISSION_WORDS: Record<Permission, string> = {
  read: 'read this page',
  editCandidates: 'add or edit candidates',
  decide: 'decide on candidates',
  managePartnerships: 'manage partnerships',
  logProgress: 'log progress',
  writeWeeklyUpdate: 'write the weekly update',
  changeSettings: 'change settings',
  manageUsers: 'manage users',
  readAudit: 'read the audit log',
  manageWebhooks: 'manage webhooks',
  exportEverything: 'export everything',
  ownNotifications: 'read notifications',
  ownTokens: 'own API tokens',
};

/** The signed-in user if their role holds the permission; a 403 (audited) otherwise. */
export async function requirePermission(
  request: Request,
  context: AppContext,
  permission: Permission,
): Promise<SignedInUser> {
  const user = await requireUser(request, context);
  if (!can(user.role, permission)) throw await forbidden(request, context, user, PERMISSION_WORDS[permission]);
  return user;
}

/**
 * The API caller: the owner of the bearer token, else the session's user. A request that carries a bearer
 * token is judged by the token alone. 401 in the API's error shape otherwise; 429 past the token's rate limit.
 */
export async function requireApiUser(request: Request, context: AppContext): Promise<SignedInUser> {
  const authorization = request.headers.get('Authorization');
  if (authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const now = context.now();
    const found = token ? await findTokenOwner(context.db, hashSecret(token), now) : null;
    if (!found) throw apiError(401, 'unauthorized', 'The API token is missing, malformed, revoked or unknown.');
    if (isOverRateLimit(found.requestNumber)) {
      const wait = secondsUntilNextWindow(now);
      const refusal = apiError(429, 'rate_limited', `More than ${API_REQUESTS_PER_MINUTE} requests in a minute on this token: try again in ${wait} s.`);
      refusal.headers.set('Retry-After', String(wait));
      throw refusal;
    }
    return found.owner;
  }
  const user = await getUser(request, context);
  if (user) return user;
  throw apiError(401, 'unauthorized', 'Sign in or send an API token: Authorization: Bearer <token>.');
}

/** The API caller if their role holds the permission; a 403 in the API's error shape (audited) otherwise. */
export async function requireApiPermission(
  request: Request,
  context: AppContext,
  permission: Permission,
): Promise<SignedInUser> {
  const user = await requireApiUser(request, context);
  if (!can(user.role, permission)) {
    await auditRefusal(request, context, user, PERMISSION_WORDS[permission]);
    throw apiError(403, 'forbidden', `Your role (${user.role}) may not ${PERMISSION_WORDS[permission]}.`);
  }
  return user;
}

/**
 * The API caller may log for every existing customer the request names (an engineer only those they lead);
 * one refused customer refuses the whole request with a 403, audited like every refusal.
 */
export async function requireApiLoggingRights(request: Request, context: AppContext, user: SignedInUser, slugs: string[]) {
  const refused = await customersNotLoggableBy(context.db, user, slugs);
  if (refused.length === 0) return;
  await auditRefusal(request, context, user, `log for ${refused.join(', ')}`);
  throw apiError(403, 'forbidden', `You may log only for customers you lead; not for ${refused.join(', ')}.`);
}
