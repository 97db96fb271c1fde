import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress } from '~/domain/webhook-delivery';

/**
 * Why a webhook may not be sent to this URL's host, or null: with private addresses refused (production, unless
 * WEBHOOK_ALLOW_PRIVATE), a host that is, or resolves to, a loopback, private or link-local address.
 */
export async function unreachableHostProblem(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return `The host ${host} cannot be found.`;
  }
  const refused = addresses.find(isPrivateAddress);
  return refused ? `The host ${host} is a private address (${refused}): webhooks go to public addresses only.` : null;
}
