import type { Server } from 'node:http';
import { Provider, type ClientMetadata } from 'oidc-provider';
import { afterAll, beforeAll } from 'vitest';

export const SSO_CLIENT = { id: 'strat-tracker', secret: 'strat-tracker-test-client-secret' };
/** Another relying party of the same provider, registered with the same callback: its codes are not ours. */
export const OTHER_CLIENT = { id: 'another-app', secret: 'another-app-test-client-secret' };

/**
 * A real OpenID provider (oidc-provider) on loopback at `port`, with its development sign-in pages: whatever is typed
 * as the login is the account and its email, verified — but for logins beginning `unverified:`, whose email (the
 * rest) the provider has not verified. It keeps the email out of the ID token (OpenID's rule when an access token is
 * issued), so the app must ask the user info for it.
 */
export function setUpOidcProvider(port: number, redirectUris: string[]): { issuer: string } {
  const issuer = `http://127.0.0.1:${port}`;
  let server: Server | undefined;
  beforeAll(() => {
    const client = ({ id, secret }: typeof SSO_CLIENT): ClientMetadata => ({
      client_id: id, client_secret: secret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'],
    });
    const provider = new Provider(issuer, {
      clients: [client(SSO_CLIENT), client(OTHER_CLIENT)],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      cookies: { keys: ['a-test-cookie-key-of-enough-length-0'] },
      features: { devInteractions: { enabled: true } },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      async findAccount(_context, login) {
        const unverified = login.startsWith('unverified:');
        const email = unverified ? login.slice('unverified:'.length) : login;
        return { accountId: login, claims: async () => ({ sub: login, email, email_verified: !unverified, name: `Person ${email.split('@')[0]}` }) };
      },
    });
    server = provider.listen(port, '127.0.0.1');
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return { issuer };
}
