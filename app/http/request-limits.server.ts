import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import http from 'node:http';
import type { RequestHandler, Response as ExpressResponse } from 'express';
import { hasUnstorableCharacter } from '~/domain/text';

const MB = 1024 * 1024;

/** DOMAIN.md's body limits: the JSON API and CSV uploads 5 MB (a 10,000-row bulk write fits), forms 1 MB. */
function bodyLimitFor(pathname: string): number {
  return pathname.startsWith('/api/') || pathname === '/import' ? 5 * MB : MB;
}

/** A refusal in the shape its caller reads: the API's JSON error, plain words for a page. */
export function refuse(res: ExpressResponse, pathname: string, status: number, code: string, message: string): void {
  if (pathname.startsWith('/api/')) res.status(status).json({ error: { code, message } });
  else res.status(status).type('text/plain').send(message);
}

/**
 * Reads a request's body into `res.locals.body`, stopping at the limit whatever Content-Length says (a chunked
 * body has none): past it, a 413 and the connection closed, so the process never holds more than the limit.
 */
export function readBodyWithLimit(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const limit = bodyLimitFor(req.path);
    const tooLarge = () => {
      res.set('Connection', 'close');
      const size = `${limit / MB} MB`;
      refuse(res, req.path, 413, 'payload_too_large', `The request body is larger than ${size}: send less at once (split the file or the list).`);
      // Whatever else the client sends is dropped, not kept.
      req.resume();
    };
    if (Number(req.get('Content-Length') ?? 0) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settled = true;
      chunks.length = 0;
      tooLarge();
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      res.locals.body = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', () => {
      settled = true;
    });
  };
}

/** The query parameter or path that cannot be read as text to store: broken percent-encoding, NUL, broken Unicode. */
function unreadablePart(originalUrl: string): string | null {
  const queryAt = originalUrl.indexOf('?');
  const pathname = queryAt < 0 ? originalUrl : originalUrl.slice(0, queryAt);
  const query = queryAt < 0 ? '' : originalUrl.slice(queryAt + 1);
  try {
    if (hasUnstorableCharacter(decodeURIComponent(pathname))) return 'the address';
  } catch {
    return 'the address';
  }
  for (const [name, value] of new URLSearchParams(query)) {
    if (hasUnstorableCharacter(name) || hasUnstorableCharacter(value)) return `the parameter "${name.replace(/[^\w-]/g, '?')}"`;
  }
  return null;
}

/**
 * Refuses (400) an address that no route could read: broken percent-encoding, a NUL or broken Unicode in it, or a
 * target that is not a path (a whole URL, as sent to a proxy, or `*`).
 */
export function refuseUnreadableAddress(): RequestHandler {
  return (req, res, next) => {
    if (!req.originalUrl.startsWith('/')) {
      refuse(res, '/', 400, 'bad_request', 'The request names no path on this server: ask for one, such as /.');
      return;
    }
    const part = unreadablePart(req.originalUrl);
    if (!part) return next();
    refuse(res, req.path, 400, 'bad_request', `The address cannot be read: ${part} holds broken percent-encoding, a NUL or a broken Unicode character.`);
  };
}

// Slow clients (headers or a body trickled in) are cut off; Node checks these timeouts at this interval.
const SERVER_LIMITS = { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000, maxHeaderSize: 16 * 1024 };

/** The HTTP server for the app, with bounded headers (request line included) and timeouts for slow clients. */
export function createBoundedServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  limits: Partial<typeof SERVER_LIMITS> = {},
): Server {
  return http.createServer({ ...SERVER_LIMITS, ...limits }, handler);
}
