import { redirect } from '@remix-run/node';
import { appCookie, type CookieContext } from './app-cookie.server';

// Long enough to survive the redirect, short enough not to turn up on a page visited much later.
const flashCookie = (context: CookieContext) => appCookie('strat_flash', context, 60);

/** The redirect after a write (POST/redirect/GET), with a message that the page it lands on shows once. */
export async function redirectWithFlash(url: string, message: string, context: CookieContext): Promise<Response> {
  return redirect(url, { headers: { 'Set-Cookie': await flashCookie(context).serialize(message) } });
}

/** The message a request brings from the write before it, and the headers that clear it so it shows once. */
export async function takeFlash(request: Request, context: CookieContext): Promise<{ message: string | null; headers: HeadersInit }> {
  const cookie = flashCookie(context);
  const message: unknown = await cookie.parse(request.headers.get('Cookie'));
  if (typeof message !== 'string') return { message: null, headers: {} };
  return { message, headers: { 'Set-Cookie': await cookie.serialize('', { maxAge: 0 }) } };
}
