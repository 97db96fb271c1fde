import ipaddr from 'ipaddr.js';

// How a webhook delivery goes (DOMAIN.md "Notifications and webhooks").

/** The waits before each retry; after the last retry fails, the delivery is marked failed. */
export const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** The most a delivery's body may weigh. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What one attempt got: the receiver's status code, or why there was none (timeout, connection refused…). */
export type AttemptResult = { statusCode: number } | { error: string };

export type DeliveryVerdict = { status: 'delivered' } | { status: 'failed' } | { status: 'pending'; nextAttemptAt: Date };

function isRetryable(result: AttemptResult): boolean {
  if ('error' in result) return true;
  return result.statusCode === 408 || result.statusCode === 429 || result.statusCode >= 500;
}

/**
 * What becomes of a delivery after its `attempts`-th attempt, made at `now`: a 2xx is delivered; a timeout, a
 * connection error, 408, 429 or 5xx is tried again after the next wait of the schedule, failed once the schedule is
 * spent; anything else (another 4xx, a redirect, which is not followed) fails at once.
 */
export function judgeAttempt(result: AttemptResult, attempts: number, now: Date): DeliveryVerdict {
  if ('statusCode' in result && result.statusCode >= 200 && result.statusCode < 300) return { status: 'delivered' };
  const wait = RETRY_DELAYS_MS[attempts - 1];
  if (!isRetryable(result) || wait === undefined) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + wait) };
}

export type OutgoingEvent = { id: number; kind: string; occurredAt: Date; data: Record<string, unknown>; text: string };

const encoder = new TextEncoder();
const TRUNCATED = '… (shortened: the whole text is in Strat Tracker)';

/** The first `keep` code points of a text (never half a character), with a note when that shortens it. */
function shorten(text: string, keep: number): string {
  const characters = [...text];
  return characters.length <= keep ? text : characters.slice(0, keep).join('') + TRUNCATED;
}

/**
 * The JSON a delivery posts, `{id, event, occurredAt, data, text}`, at most MAX_BODY_BYTES: texts too long for it
 * (a very long weekly update) are shortened, `text` and the long text in `data`, with a note saying so.
 */
export function webhookBody(event: OutgoingEvent): string {
  const longField = ['markdown', 'text'].find((key) => typeof event.data[key] === 'string');
  const render = (keep: number) => {
    const data = longField ? { ...event.data, [longField]: shorten(event.data[longField] as string, keep) } : event.data;
    const text = shorten(event.text, keep);
    return JSON.stringify({ id: String(event.id), event: event.kind, occurredAt: event.occurredAt.toISOString(), data, text });
  };
  const fits = (body: string) => encoder.encode(body).length <= MAX_BODY_BYTES;
  const whole = render(Infinity);
  if (fits(whole)) return whole;
  // The most code points each text may keep for the body to fit.
  let [fitting, tooLong] = [0, Math.max(event.text.length, longField ? (event.data[longField] as string).length : 0)];
  while (tooLong - fitting > 1) {
    const middle = Math.floor((fitting + tooLong) / 2);
    if (fits(render(middle))) fitting = middle;
    else tooLong = middle;
  }
  return render(fitting);
}

/**
 * Whether an address is one a webhook may not reach in production: anything but a public unicast address
 * (loopback, private, link-local, unique-local, carrier-grade NAT, unspecified, multicast, reserved…), IPv4 inside
 * IPv6 included.
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.process(address);
  return parsed.range() !== 'unicast';
}
