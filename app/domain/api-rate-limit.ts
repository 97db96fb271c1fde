// DOMAIN.md, "JSON API v1": more than 600 requests a minute on one token is a 429. Minutes are counted whole
// (from :00 to :59), so a client learns exactly when it may go on.
export const API_REQUESTS_PER_MINUTE = 600;

const MINUTE_MS = 60_000;

/** The start of the minute that `now` falls in: the window a token's requests are counted in. */
export function rateWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
}

/** Whole seconds until the next window (1 to 60): a refused client's `Retry-After`. */
export function secondsUntilNextWindow(now: Date): number {
  return Math.ceil((rateWindowStart(now).getTime() + MINUTE_MS - now.getTime()) / 1000);
}

/** Whether a request, counted as the window's `requestNumber`th, is over the limit. */
export function isOverRateLimit(requestNumber: number): boolean {
  return requestNumber > API_REQUESTS_PER_MINUTE;
}
