import path from 'node:path';
// The Express adapter's own conversions, exported by its server module but not by its index: its request handler
// offers no way to answer before Remix runs, which the page cache needs.
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type ErrorRequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { isForgedRequest } from '~/auth/csrf.server';
import { createSsoClient, type SsoSettings } from '~/auth/sso.server';
import type { AppContext } from './load-context';
import { createPageCache } from './page-cache.server';
import { acceptsGzip, pageCompression } from './page-compression.server';
import { queryTimingPlugin, timeRequest } from './request-timing.server';
import { readBodyWithLimit, refuse, refuseUnreadableAddress } from './request-limits.server';
import { createNonce, securityHeaders } from './security-headers.server';

export type HttpAppOptions = {
  build: ServerBuild;
  db: Kysely<DB>;
  sessionSecret: string;
  /** Production: HTTPS only (Secure cookies, HSTS), Remix errors sanitized. */
  production: boolean;
  teamTimezone: string;
  publicDir: string;
  now?: () => Date;
  /** Express's `trust proxy`, for the client address behind a load balancer. */
  trustProxy?: string;
  /** Webhooks may go to private addresses (default: outside production only). */
  allowPrivateWebhooks?: boolean;
  /** Single sign-on with this identity provider; none by default. */
  sso?: SsoSettings | null;
  /** Sign-in with a password (default: on). */
  passwordLogin?: boolean;
};

/** The whole HTTP server: security headers, static files, the CSRF check, then Remix behind the page cache. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', options.trustProxy);

  app.use((_req, res, next) => {
    res.locals.cspNonce = createNonce();
    res.set(securityHeaders(res.locals.cspNonce, options.production));
    next();
  });
  // Asset file names carry a content hash, so they may be cached for good, and compressing them is paid once per
  // browser.
  app.use('/build', compression(), express.static(path.join(options.publicDir, 'build'), { immutable: true, maxAge: '1y' }));
  // The one other public file, named so that page requests do not each cost a look at the disk.
  const favicon = path.join(options.publicDir, 'favicon.svg');
  app.get('/favicon.svg', (_req, res) => res.sendFile(favicon, { maxAge: '1h' }));

  app.use((req, res, next) => {
    // Pages show confidential data: never kept by a browser or a proxy.
    res.set('Cache-Control', 'no-store');
    if (isForgedRequest(req.method, { get: (name) => req.get(name) ?? null })) {
      refuse(res, req.path, 403, 'forbidden', 'Cross-site request refused: submit the form from Strat Tracker itself.');
      return;
    }
    next();
  });
  app.use((req, res, next) => {
    // Pages change state only by a form's POST; other methods are the API's.
    if (req.path.startsWith('/api/') || ['GET', 'HEAD', 'POST'].includes(req.method)) return next();
    res.set('Allow', 'GET, POST');
    refuse(res, req.path, 405, 'method_not_allowed', 'Pages take GET and POST only.');
  });
  app.use(refuseUnreadableAddress());
  app.use(readBodyWithLimit());

  const sso = options.sso ? createSsoClient(options.sso) : null;
  const db = options.db.withPlugin(queryTimingPlugin);
  const handleRemixRequest = createRequestHandler(options.build, options.production ? 'production' : 'development');
  const respond = createPageCache();
  const compressRendered = pageCompression();
  app.all('*', async (req, res, next) => {
    try {
      let request: Request | undefined;
      const webRequest = () => {
        if (request) return request;
        const streamed = createRemixRequest(req, res);
        // The body was read already, within its limit.
        const body = res.locals.body as Buffer | undefined;
        return (request = body ? new Request(streamed, { body, duplex: 'half' } as RequestInit) : streamed);
      };
      const context: AppContext = {
        db,
        now: options.now ?? (() => new Date()),
        cspNonce: res.locals.cspNonce as string,
        secureCookies: options.production,
        sessionSecret: options.sessionSecret,
        clientIp: req.ip ?? 'unknown',
        // The setting's value is read by the page cache before anything runs (see createPageCache).
        teamTimezone: options.teamTimezone,
        defaultTeamTimezone: options.teamTimezone,
        allowPrivateWebhooks: options.allowPrivateWebhooks ?? !options.production,
        sso,
        passwordLogin: options.passwordLogin ?? true,
        notes: {},
      };
      const incoming = { method: req.method, target: req.originalUrl, cookie: req.get('Cookie'), gzip: acceptsGzip(req), webRequest };
      const { result: response, serverTiming } = await timeRequest(() => respond(incoming, context, () => handleRemixRequest(webRequest(), context)));
      res.set('Server-Timing', serverTiming);
      if (response instanceof Response) {
        // The middleware wraps the response's writes, then goes on at once.
        compressRendered(req, res, () => {});
        await sendRemixResponse(res, response);
      } else {
        for (const [name, value] of response.headers) res.setHeader(name, value);
        res.setHeader('Content-Length', response.body.reduce((length, piece) => length + piece.length, 0));
        res.cork();
        for (const piece of response.body) res.write(piece);
        res.end();
      }
    } catch (error) {
      next(error);
    }
  });

  const handleError: ErrorRequestHandler = (error, _req, res, _next) => {
    console.error(error);
    if (!res.headersSent) res.status(500).type('text/plain').send('Something went wrong on our side.');
  };
  app.use(handleError);
  return app;
}
