import * as oidc from 'openid-client';
import type { Role } from '~/domain/roles';

/** The identity provider and this app's registration with it (OIDC_* and APP_URL). */
export type SsoSettings = { issuer: string; clientId: string; clientSecret: string; appUrl: string; defaultRole: Role | null };

export const SSO_CALLBACK_PATH = '/auth/oidc/callback';
const SCOPE = 'openid email profile';

/** Who the provider says signed in: the email it vouches for, or not. */
export type SsoIdentity = { subject: string; email: string | null; emailVerified: boolean; name: string | null };

export type SsoClient = ReturnType<typeof createSsoClient>;

/**
 * The relying party, built on openid-client: the provider found by discovery (once, and again after a failure),
 * the authorization code flow with PKCE (S256), `state` and `nonce`. An `http:` issuer is allowed only because the
 * configuration refuses one in production.
 */
export function createSsoClient(settings: SsoSettings) {
  const issuer = new URL(settings.issuer);
  const redirectUri = new URL(SSO_CALLBACK_PATH, settings.appUrl);
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  return {
    settings,
    /** A new flow's secrets: each attempt gets its own. */
    newFlow: () => ({ state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() }),

    /** Where to send the browser to sign in; rejects when the provider cannot be reached or found. */
    async authorizationUrl(flow: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri.href, scope: SCOPE, state: flow.state, nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier), code_challenge_method: 'S256',
      });
    },

    /**
     * The identity in the callback's answer, checked by openid-client against the flow (state, nonce, PKCE, the
     * ID token's issuer, audience and signature); the email from the user info when the ID token leaves it out.
     */
    async identify(search: string, flow: { state: string; nonce: string; codeVerifier: string }): Promise<SsoIdentity> {
      const config = await configuration();
      const callback = new URL(`${redirectUri.pathname}${search}`, redirectUri);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const source = typeof claims.email === 'string' ? claims : await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      return {
        subject: claims.sub,
        email: typeof source.email === 'string' ? source.email : null,
        emailVerified: source.email_verified === true,
        name: typeof source.name === 'string' ? source.name : null,
      };
    },
  };
}

/** Why a sign-in with the provider failed, in the terms the sign-in page explains. */
export type SsoFailure = 'unavailable' | 'misconfigured' | 'denied' | 'rejected';

const causes = (error: unknown): unknown[] => (error instanceof Error && error.cause !== undefined ? [error, ...causes(error.cause)] : [error]);

/**
 * What an error from the flow means: the provider out of reach, this app's registration refused (a wrong secret),
 * the person not signed in by the provider, or an answer that does not match the flow (state, nonce, audience…).
 */
export function classifySsoFailure(error: unknown): SsoFailure {
  if (error instanceof oidc.AuthorizationResponseError) return 'denied';
  if (error instanceof oidc.ResponseBodyError) return ['invalid_client', 'unauthorized_client'].includes(error.error) ? 'misconfigured' : 'rejected';
  // fetch fails with a TypeError (its cause the refused connection, the unknown host…).
  if (causes(error).some((cause) => cause instanceof TypeError)) return 'unavailable';
  return 'rejected';
}
