import { randomUUID } from 'node:crypto';
import type { EntryContext } from '@remix-run/node';
import { getSession } from '~/auth/guards.server';
import { getTeamTimeZone, getTeamTimeZoneAndSnapshot } from '~/models/settings.server';
import type { AppContext } from './load-context';
import { compressPieces, gzipPage, type Pieces } from './page-compression.server';
import { teamToday } from './team-date.server';

/**
 * A route's `handle`. `reusablePage`: the route's part of the page shows only what the database holds for the
 * signed-in user on the team's date at that address, apart from one-time tokens. When every route of a page says
 * so, a repeat view at the same database snapshot is the same page, and is served from memory.
 */
export type PageHandle = { reusablePage?: boolean };

/**
 * The page's HTML cut where its per-response values were: each number is a value's index, 0 the CSP nonce; with the
 * snapshot it was rendered at, and the time until which its session needs no look-up at that snapshot. Its pieces
 * compressed, once a browser that takes gzip has asked for it.
 */
type CachedPage = {
  snapshot: string; unchangedUntil: number; headers: [string, string][]; pieces: Pieces; oneTimeTokens: number; compressed?: Pieces;
};

/**
 * What the page cache looks at first: a page served from memory needs no web Request, which costs more to build.
 * `gzip`: the page may go out gzipped.
 */
export type PageRequest = { method: string; target: string; cookie: string | undefined; gzip: boolean; webRequest: () => Request };

/**
 * A page served from memory: the HTTP server writes its pieces to the socket as they are, in one write, with no web
 * Response around them (and no copy of the whole page).
 */
export type CachedView = { headers: [string, string][]; body: Buffer[] };

const MAX_PAGES = 64;

/** A random token for this response alone (a form's one-time key); a page served again from memory gets a new one. */
export function oneTimeToken(context: AppContext): string {
  const token = randomUUID();
  (context.notes.oneTimeTokens ??= []).push(token);
  return token;
}

/** entry.server's note of whether every route of the page it rendered lets the page be reused. */
export function noteRenderedPage(entry: EntryContext, context: AppContext): void {
  context.notes.reusablePage = entry.staticHandlerContext.matches.every(
    (match) => (entry.routeModules[match.route.id]?.handle as PageHandle | undefined)?.reusablePage === true,
  );
}

function cutAtValues(html: string, values: string[]): Pieces {
  const index = new Map(values.map((value, position) => [value, position]));
  const pattern = new RegExp(values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const pieces: Pieces = [];
  let from = 0;
  for (const match of html.matchAll(pattern)) {
    pieces.push(Buffer.from(html.slice(from, match.index)), index.get(match[0])!);
    from = match.index + match[0].length;
  }
  pieces.push(Buffer.from(html.slice(from)));
  return pieces;
}

function pageView(page: CachedPage, values: string[], gzip: boolean): CachedView {
  const filled = values.map((value) => Buffer.from(value));
  if (!gzip) return { headers: page.headers, body: page.pieces.map((piece) => (typeof piece === 'number' ? filled[piece]! : piece)) };
  page.compressed ??= compressPieces(page.pieces);
  return { headers: [...page.headers, ['Content-Encoding', 'gzip']], body: gzipPage(page.pieces, page.compressed, filled) };
}

// A database that does not answer is for the route to report (the health check's 503), not for this read.
const teamTimeZoneOrDefault = (context: AppContext) =>
  getTeamTimeZone(context.db, context.defaultTeamTimezone).catch(() => context.defaultTeamTimezone);

/**
 * A page cache for signed-in page views: `respond(request, context, render)` serves the page rendered earlier for
 * the same address, cookies and team date if no transaction has committed since, with this response's CSP nonce and
 * new one-time tokens; otherwise it renders, and keeps the page when its routes allow it. The team time zone is
 * settled (the setting, read each time) before any route.
 *
 * The cookies hold the session, and a session changes only by a commit (signing out, a disabled user, a new
 * password) or with time (its next mark as seen, its end): at the same snapshot and before that time, the session
 * that was checked for the kept page is still live as it was, so a repeat view costs one query, the snapshot's.
 */
export function createPageCache() {
  const pages = new Map<string, CachedPage>();
  return async function respond(incoming: PageRequest, context: AppContext, render: () => Promise<Response>): Promise<Response | CachedView> {
    // Read as the web Request reads it (the target appended to an origin), so that the key is its address.
    const url = new URL(`http://page${incoming.target}`);
    if (incoming.method !== 'GET' || url.searchParams.has('_data')) {
      context.teamTimezone = await teamTimeZoneOrDefault(context);
      return render();
    }
    const seen = await getTeamTimeZoneAndSnapshot(context.db, context.defaultTeamTimezone).catch(() => null);
    context.teamTimezone = seen?.timeZone ?? context.defaultTeamTimezone;
    // The cookies: the session, and a one-time message riding on one (a flash), which changes the page.
    const keyOf = () => `${teamToday(context)} ${url.pathname}${url.search} ${incoming.cookie}`;
    const cached = pages.get(keyOf());
    if (seen && cached?.snapshot === seen.snapshot && context.now().getTime() < cached.unchangedUntil) {
      return pageView(cached, [context.cspNonce, ...Array.from({ length: cached.oneTimeTokens }, () => oneTimeToken(context))], incoming.gzip);
    }

    const session = await getSession(incoming.webRequest(), context);
    if (!session) return render();
    // The page is kept under a snapshot taken before its loaders read, so that it never shows less than that
    // snapshot holds: the first one, unless the look-up itself wrote (a mark as seen), which is a commit.
    const { snapshot, timeZone } = session.markedSeen || !seen ? await getTeamTimeZoneAndSnapshot(context.db, context.defaultTeamTimezone) : seen;
    context.teamTimezone = timeZone;
    context.notes.snapshot = snapshot;
    const response = await render();
    if (!context.notes.reusablePage || response.status !== 200 || response.headers.has('Set-Cookie')) return response;
    const tokens = context.notes.oneTimeTokens ?? [];
    const values = [context.cspNonce, ...tokens];
    const page: CachedPage = {
      snapshot,
      unchangedUntil: session.unchangedUntil,
      // Sent gzipped or not, by what the browser accepts.
      headers: [...response.headers, ['Vary', 'Accept-Encoding']],
      pieces: cutAtValues(await response.text(), values),
      oneTimeTokens: tokens.length,
    };
    // Under the team date the page was rendered for.
    const key = keyOf();
    pages.delete(key);
    pages.set(key, page);
    // A Map keeps insertion order: the first key is the one least recently rendered.
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
    return pageView(page, values, incoming.gzip);
  };
}
