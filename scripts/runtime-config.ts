import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomSecret } from '~/auth/secrets.server';
import type { SsoSettings } from '~/auth/sso.server';
import { isTimeZone } from '~/domain/dates';
import { ROLES, type Role } from '~/domain/roles';
import { dataDirectory, type Environment } from '../db/connection';

export type RuntimeConfig = {
  production: boolean;
  port: number;
  teamTimezone: string;
  sessionSecret: string;
  trustProxy?: string;
  /** Webhooks may go to loopback, private and link-local addresses: outside production, or when asked. */
  allowPrivateWebhooks: boolean;
  /** Single sign-on with the company's identity provider, when OIDC_ISSUER and the rest are set. */
  sso: SsoSettings | null;
  /** Sign-in with a password (PASSWORD_LOGIN=false turns it off, given SSO). */
  passwordLogin: boolean;
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// Without SESSION_SECRET outside production, a secret is made once and kept in the data folder, so
// sessions survive restarts; production must be given one, shared by every instance.
function sessionSecret(env: Environment, production: boolean): string {
  if (env.SESSION_SECRET) {
    if (env.SESSION_SECRET.length < 32) fail('SESSION_SECRET must be at least 32 characters long.');
    return env.SESSION_SECRET;
  }
  if (production) fail('SESSION_SECRET is required in production: set it to a random string of 32+ characters.');
  const file = path.join(dataDirectory(env), 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomSecret(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const isUrl = (value: string, protocols: string[]) => URL.canParse(value) && protocols.includes(new URL(value).protocol);

// All of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and APP_URL, or none; a half-made set-up is a mistake.
function ssoSettings(env: Environment, production: boolean): SsoSettings | null {
  const names = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'APP_URL'] as const;
  const missing = names.filter((name) => !env[name]);
  if (!env.OIDC_ISSUER && !env.OIDC_CLIENT_ID && !env.OIDC_CLIENT_SECRET) return null;
  if (missing.length > 0) fail(`Single sign-on needs ${names.join(', ')}; missing: ${missing.join(', ')}.`);
  const protocols = production ? ['https:'] : ['https:', 'http:'];
  if (!isUrl(env.OIDC_ISSUER!, protocols)) fail(`OIDC_ISSUER must be the provider's ${production ? 'https' : 'http(s)'} URL, not "${env.OIDC_ISSUER}".`);
  if (!isUrl(env.APP_URL!, protocols)) fail(`APP_URL must be this app's ${production ? 'https' : 'http(s)'} address as users reach it, not "${env.APP_URL}".`);
  const defaultRole = env.OIDC_DEFAULT_ROLE || null;
  if (defaultRole !== null && !ROLES.includes(defaultRole as Role)) fail(`OIDC_DEFAULT_ROLE must be one of ${ROLES.join(', ')}, not "${defaultRole}".`);
  return { issuer: env.OIDC_ISSUER!, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, appUrl: env.APP_URL!, defaultRole: defaultRole as Role | null };
}

/** The server's settings from the environment; exits with a plain message when one is wrong. */
export function loadRuntimeConfig(env: Environment = process.env): RuntimeConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${env.PORT}".`);
  const teamTimezone = env.TEAM_TIMEZONE || 'UTC';
  if (!isTimeZone(teamTimezone)) fail(`TEAM_TIMEZONE must be an IANA time zone such as Europe/Berlin, not "${teamTimezone}".`);
  const sso = ssoSettings(env, production);
  const passwordLogin = env.PASSWORD_LOGIN !== 'false';
  if (!passwordLogin && !sso) fail('PASSWORD_LOGIN=false leaves no way to sign in: set up single sign-on (OIDC_ISSUER …) first.');
  return {
    production, port, teamTimezone, sessionSecret: sessionSecret(env, production), trustProxy: env.TRUST_PROXY,
    allowPrivateWebhooks: !production || env.WEBHOOK_ALLOW_PRIVATE === 'true', sso, passwordLogin,
  };
}
