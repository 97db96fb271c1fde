import { createCookie } from '@remix-run/node';
import type { AppContext } from './load-context';

export type CookieContext = Pick<AppContext, 'secureCookies' | 'sessionSecret'>;

/**
 * One of the app's own cookies: signed, `HttpOnly`, `SameSite=Lax`, for the whole site; in production also `Secure`
 * and `__Host-` prefixed, which binds it to this exact origin over HTTPS (browsers refuse it without Secure).
 */
export function appCookie(name: string, context: CookieContext, maxAgeSeconds: number) {
  return createCookie(context.secureCookies ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: 'lax',
    secure: context.secureCookies,
    path: '/',
    maxAge: maxAgeSeconds,
    secrets: [context.sessionSecret],
  });
}
