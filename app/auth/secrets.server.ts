import { createHash, randomBytes } from 'node:crypto';

/** A random secret of 256 bits, URL-safe. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a session id or API token: its SHA-256, so a leaked table opens nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A webhook's signing secret, as its receiver is given it once. */
export function randomWebhookSecret(): string {
  return `whsec_${randomSecret()}`;
}
