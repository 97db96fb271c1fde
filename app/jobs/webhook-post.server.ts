import { lookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, type AttemptResult } from '~/domain/webhook-delivery';

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
/** How much of a refusing receiver's answer is kept as the delivery's last error. */
const ERROR_EXCERPT_BYTES = 300;

// The address check happens where the connection is made, so that a name resolving to a public address when the
// webhook was added cannot later lead to a private one (DNS rebinding).
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused) return callback(new Error(`${hostname} resolves to a private address (${refused.address})`), '', 0);
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/**
 * POSTs a body to a webhook URL within `timeoutMs` (connection, answer and all), redirects not followed; returns the
 * status code, or why there is none. Never throws.
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<AttemptResult & { excerpt?: string }> {
  return new Promise((resolve) => {
    const url = new URL(target);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!options.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      resolve({ error: `${host} is a private address` });
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'POST',
      agent: agents[url.protocol as keyof typeof agents],
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    const settle = (result: AttemptResult & { excerpt?: string }) => {
      clearTimeout(timer);
      resolve(result);
    };
    request.on('error', (error) => settle({ error: error.message }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < ERROR_EXCERPT_BYTES) chunks.push(chunk);
        kept += chunk.length;
      });
      response.on('end', () => {
        // PostgreSQL text holds no NUL.
        const excerpt = Buffer.concat(chunks).subarray(0, ERROR_EXCERPT_BYTES).toString('utf8').replaceAll('\0', '');
        settle({ statusCode: response.statusCode ?? 0, excerpt });
      });
      response.on('error', (error) => settle({ error: error.message }));
    });
    request.end(body);
  });
}
