import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomSecret } from '~/auth/secrets.server';
import { isTimeZone } from '~/domain/dates';
import { dataDirectory, type Environment } from '../db/connection';

export type RuntimeConfig = {
  production: boolean;
  port: number;
  teamTimezone: string;
  sessionSecret: string;
  trustProxy?: string;
  /** Webhooks may go to loopback, private and link-local addresses: outside production, or when asked. */
  allowPrivateWebhooks: boolean;
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

/** The server's settings from the environment; exits with a plain message when one is wrong. */
export function loadRuntimeConfig(env: Environment = process.env): RuntimeConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${env.PORT}".`);
  const teamTimezone = env.TEAM_TIMEZONE || 'UTC';
  if (!isTimeZone(teamTimezone)) fail(`TEAM_TIMEZONE must be an IANA time zone such as Europe/Berlin, not "${teamTimezone}".`);
  return {
    production, port, teamTimezone, sessionSecret: sessionSecret(env, production), trustProxy: env.TRUST_PROXY,
    allowPrivateWebhooks: !production || env.WEBHOOK_ALLOW_PRIVATE === 'true',
  };
}
