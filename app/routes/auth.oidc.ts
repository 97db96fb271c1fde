import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { safeRedirect } from '~/auth/safe-redirect';
import { hashSecret, randomSecret } from '~/auth/secrets.server';
import { ssoFlowCookie } from '~/auth/sso-flow-cookie.server';
import { invariantResponse } from '~/http/responses.server';
import { recordAudit } from '~/models/audit.server';
import { insertSsoFlow } from '~/models/sso-flows.server';

/**
 * GET /auth/oidc?redirectTo=…: begins a sign-in with the identity provider — new state, nonce and PKCE verifier,
 * kept for the callback — and sends the browser there. A link, not a form: the CSP's form-action would stop a form
 * that redirects to another origin.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  invariantResponse(context.sso, 'Single sign-on is not set up.');
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  const flow = context.sso.newFlow();
  let destination: URL;
  try {
    destination = await context.sso.authorizationUrl(flow);
  } catch (error) {
    console.error('Single sign-on: the identity provider could not be found:', error);
    await recordAudit(context.db, { actor: null, actorLabel: 'sso', action: 'auth.sso_refused', after: { reason: 'unavailable' }, ip: context.clientIp });
    return redirect('/login?sso=unavailable');
  }
  const id = randomSecret();
  await insertSsoFlow(context.db, { ...flow, redirectTo, idHash: hashSecret(id), now: context.now() });
  return redirect(destination.href, { headers: { 'Set-Cookie': await ssoFlowCookie(context).serialize(id) } });
}
