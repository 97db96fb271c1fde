import type { Kysely } from 'kysely';
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
  teamTimezone: string;
};

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
