import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { hashSecret } from '~/auth/secrets.server';
import { startSession } from '~/auth/session.server';
import { ssoFlowCookie } from '~/auth/sso-flow-cookie.server';
import { signInWithIdentity } from '~/auth/sso-sign-in.server';
import { classifySsoFailure } from '~/auth/sso.server';
import { invariantResponse } from '~/http/responses.server';
import { recordAudit } from '~/models/audit.server';
import { takeSsoFlow } from '~/models/sso-flows.server';

/**
 * GET /auth/oidc/callback: the provider's answer. It must belong to the flow begun in this browser, unused and in
 * time; openid-client checks it (state, PKCE, the ID token's signature, issuer, audience and nonce); then the
 * verified email names the user (DOMAIN.md "Single sign-on"). A refusal ends on the sign-in page saying why.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { sso } = context;
  invariantResponse(sso, 'Single sign-on is not set up.');
  const cookie = ssoFlowCookie(context);
  const headers = new Headers({ 'Set-Cookie': await cookie.serialize('', { maxAge: 0 }) });
  const refuse = async (reason: string) => {
    await recordAudit(context.db, { actor: null, actorLabel: 'sso', action: 'auth.sso_refused', after: { reason }, ip: context.clientIp });
    return redirect(`/login?sso=${reason}`, { headers });
  };

  const id: unknown = await cookie.parse(request.headers.get('Cookie'));
  const flow = typeof id === 'string' && id.length > 0 ? await takeSsoFlow(context.db, hashSecret(id), context.now()) : null;
  if (!flow) return refuse('expired');
  let identity;
  try {
    identity = await sso.identify(new URL(request.url).search, flow);
  } catch (error) {
    const failure = classifySsoFailure(error);
    if (failure === 'unavailable' || failure === 'misconfigured') console.error(`Single sign-on failed (${failure}):`, error);
    return refuse(failure);
  }
  const result = await signInWithIdentity(context.db, identity, { defaultRole: sso.settings.defaultRole, ip: context.clientIp });
  if (result.outcome !== 'signed_in') return redirect(`/login?sso=${result.outcome}`, { headers });
  headers.append('Set-Cookie', await startSession(context, result.user.id));
  return redirect(flow.redirectTo, { headers });
}
