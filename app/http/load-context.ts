import type { Kysely } from 'kysely';
import type { SsoClient } from '~/auth/sso.server';
import type { LiveSession } from '~/models/sessions.server';
import type { DB } from '../../db/schema';

/** What the HTTP server hands every loader and action. */
export type AppContext = {
  db: Kysely<DB>;
  /** The clock: tests move it to check expiry and "today". */
  now: () => Date;
  cspNonce: string;
  /** Served over HTTPS (production): cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  sessionSecret: string;
  clientIp: string;
  /** The team time zone in force for this request: the setting, else the default. */
  teamTimezone: string;
  /** TEAM_TIMEZONE (else UTC): the zone before any exec changes the setting. */
  defaultTeamTimezone: string;
  /** Webhooks may be added for loopback, private and link-local addresses (not in production, unless asked). */
  allowPrivateWebhooks: boolean;
  /** The identity provider's relying party, when single sign-on is set up. */
  sso: SsoClient | null;
  /** Whether a password signs in (PASSWORD_LOGIN). */
  passwordLogin: boolean;
  /**
   * What the request has found out so far, for whoever asks next: its session (the page cache, the root's loader and
   * the page's share one session look-up), the database snapshot its page is rendered at (for the snapshot cache),
   * whether its page may be reused, the one-time tokens the page carries.
   * (The server and the Remix build are bundled apart: module state is not shared between them.)
   */
  notes: { session?: Promise<LiveSession | null>; snapshot?: string; reusablePage?: boolean; oneTimeTokens?: string[] };
};

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
