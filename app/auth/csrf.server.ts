const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Headers = { get(name: string): string | null };

function isOtherOrigin(origin: string, host: string | null): boolean {
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Whether a request must be refused as a cross-site forgery: a state-changing request that rides on the
 * session cookie and that the browser says did not come from this origin. Bearer-token calls carry no
 * ambient credentials, so they are exempt. A request with neither Sec-Fetch-Site nor Origin is refused too:
 * every browser sends one of them on a POST, so only a hand-made request lacks both, and it can send a token.
 * When both are sent, both must say this origin.
 */
export function isForgedRequest(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (/^Bearer\s/i.test(headers.get('Authorization') ?? '')) return false;
  const origin = headers.get('Origin');
  if (origin && isOtherOrigin(origin, headers.get('Host'))) return true;
  const fetchSite = headers.get('Sec-Fetch-Site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  return !origin;
}
