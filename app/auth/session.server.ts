import { appCookie, type CookieContext } from '~/http/app-cookie.server';
import type { AppContext } from '~/http/load-context';
import { deleteSession, findLiveSession, insertSession, SESSION_ABSOLUTE_MS } from '~/models/sessions.server';
import { hashSecret, randomSecret } from './secrets.server';

function sessionCookie(context: CookieContext) {
  return appCookie('strat_session', context, SESSION_ABSOLUTE_MS / 1000);
}

async function readSessionId(request: Request, context: CookieContext): Promise<string | null> {
  const value: unknown = await sessionCookie(context).parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The request's live session, or null. */
export async function getLiveSession(request: Request, context: AppContext) {
  const id = await readSessionId(request, context);
  return id ? findLiveSession(context.db, hashSecret(id), context.now()) : null;
}

/** Starts a new session (a fresh id at every sign-in) and returns its Set-Cookie header. */
export async function startSession(context: AppContext, userId: number): Promise<string> {
  const id = randomSecret();
  await insertSession(context.db, { idHash: hashSecret(id), userId, now: context.now() });
  return sessionCookie(context).serialize(id);
}

/** Ends the request's session server-side and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request, context: AppContext): Promise<string> {
  const id = await readSessionId(request, context);
  if (id) await deleteSession(context.db, hashSecret(id));
  return sessionCookie(context).serialize('', { maxAge: 0 });
}
