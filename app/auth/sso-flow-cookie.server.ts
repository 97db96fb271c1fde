import { appCookie, type CookieContext } from '~/http/app-cookie.server';
import { SSO_FLOW_MS } from '~/models/sso-flows.server';

/** The browser's half of a sign-in begun with the identity provider: the flow's id, for as long as the flow lasts. */
export function ssoFlowCookie(context: CookieContext) {
  return appCookie('strat_sso_flow', context, SSO_FLOW_MS / 1000);
}
