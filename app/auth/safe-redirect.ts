// Browsers drop tabs and newlines from addresses and read `\` as `/`, so "/\t/evil.example" leads off-site:
// any control character or backslash refuses the target, and what is left must stay on this origin once parsed.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const REFUSED = /[\u0000-\u001f\u007f\\]/;
const ORIGIN = 'http://strat-tracker.invalid';

/** A path on this origin to go to after signing in; anything else (another host, `//evil`, `/\t/evil`) is `/`. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || REFUSED.test(target)) return fallback;
  try {
    const url = new URL(target, ORIGIN);
    return url.origin === ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
