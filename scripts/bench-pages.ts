// `npm run bench:pages`: the first view of every page of the app (the route files that render one), each after a
// commit so that no cache answers it, on the bench's portfolio at 10×: HTTP p50, the database's wall time and the
// rest of the server's time (from Server-Timing), the page's size, the bytes sent to a browser (compressed) and the
// elements in the page; then the health check, a yardstick of the machine's speed on the day. On PostgreSQL when
// DATABASE_URL names a server (the commits come from a second connection), else on PGlite (no commits: there repeat
// views are cached).
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '~/auth/password.server';
import { dateInZone, weekStartOf } from '~/domain/dates';
import { migrateToLatest } from '../db/migrate';
import { BASE_SCALE, generateBenchData } from './bench-data';
import { BENCH_PASSWORD, freshDatabase, serverUrl, signIn, startServer, stopServer } from './bench-server';

const FACTOR = Number(process.env.BENCH_FACTOR ?? 10);
const VIEWS = 60;
const today = dateInZone(new Date(), 'UTC');

// Each page's address on the bench data, with whom it is seen by (null: signed out); a page file missing here stops
// the bench, so a new page is measured from the day it is added.
const PAGES: Record<string, { path: string; as: string | null }[]> = {
  '_index.tsx': ['exec', 'em', 'lead1'].map((who) => ({ path: '/', as: who })),
  'audit.tsx': [{ path: '/audit', as: 'exec' }],
  'candidates.tsx': [{ path: '/candidates', as: 'exec' }],
  'candidates_.new.tsx': [{ path: '/candidates/new', as: 'exec' }],
  'customers.$slug.tsx': [{ path: '/customers/customer-1', as: 'exec' }],
  'customers.$slug_.summary.tsx': [{ path: '/customers/customer-1/summary', as: 'exec' }],
  'import.tsx': [{ path: '/import', as: 'em' }],
  'login.tsx': [{ path: '/login', as: null }],
  'notifications.tsx': [{ path: '/notifications', as: 'exec' }],
  'partners.tsx': [{ path: '/partners', as: 'exec' }],
  'requests.tsx': [{ path: '/requests', as: 'em' }],
  'search.tsx': [{ path: '/search?q=sibling%20repos', as: 'exec' }],
  'settings.tsx': [{ path: '/settings', as: 'exec' }],
  'themes.tsx': [{ path: '/themes', as: 'exec' }],
  'updates.tsx': [{ path: '/updates', as: 'em' }],
  'updates_.$weekStart.tsx': [{ path: `/updates/${weekStartOf(today)}`, as: 'em' }],
  'users.tsx': [{ path: '/users', as: 'exec' }],
};

const pageFiles = readdirSync('app/routes').filter((file) => /export default function/.test(readFileSync(path.join('app/routes', file), 'utf8')));
const unlisted = pageFiles.filter((file) => !(file in PAGES));
if (unlisted.length > 0) throw new Error(`Give the bench an address for ${unlisted.join(', ')}`);

/** The bytes a browser gets for a page: its body as sent, compressed as it accepts. */
const bytesSent = (url: string, headers: Record<string, string> = {}) =>
  new Promise<number>((resolve, reject) => {
    get(url, { headers: { ...headers, 'Accept-Encoding': 'gzip, deflate, br, zstd' } }, (response) => {
      let length = 0;
      response.on('data', (chunk: Buffer) => (length += chunk.length));
      response.on('end', () => resolve(length));
    }).on('error', reject);
  });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const database = await freshDatabase('pages');
try {
  const opened = await database.open();
  await migrateToLatest(opened.db);
  const scale = { customers: BASE_SCALE.customers * FACTOR, progressEntries: BASE_SCALE.progressEntries * FACTOR, iarrEntries: BASE_SCALE.iarrEntries * FACTOR };
  await generateBenchData(opened.db, scale, today, await hashPassword(BENCH_PASSWORD));
  await opened.close();
  const server = await startServer(database.env);
  const committer = serverUrl ? new pg.Client({ connectionString: database.env.DATABASE_URL }) : null;
  await committer?.connect();
  const cookies = new Map<string, string>();
  const cookieOf = async (who: string) => cookies.get(who) ?? cookies.set(who, await signIn(server.url, `${who}@bench.test`)).get(who)!;
  try {
    console.log(`\nFirst views at ${FACTOR}× on ${serverUrl ? 'PostgreSQL, each after a commit' : 'PGlite'} (${VIEWS} views a page), ${today}\n`);
    console.log('| page | seen by | HTTP p50 | database p50 | rest of the server p50 | page | sent | elements |\n|---|---|---|---|---|---|---|---|');
    // Last, a yardstick of this machine's speed: the health check, one database round trip and no page.
    for (const { path: pathname, as } of [...pageFiles.flatMap((file) => PAGES[file]!), { path: '/healthz', as: null }]) {
      const headers = as ? { Cookie: await cookieOf(as) } : undefined;
      const [http, db, app]: [number[], number[], number[]] = [[], [], []];
      let body = '';
      for (let view = 0; view < VIEWS + 5; view += 1) {
        await committer?.query('select txid_current()');
        const start = performance.now();
        const response = await fetch(`${server.url}${pathname}`, { headers });
        body = await response.text();
        const elapsed = performance.now() - start;
        if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
        const timing = /db;dur=([\d.]+), app;dur=([\d.]+)/.exec(response.headers.get('Server-Timing') ?? '')!;
        // The first few views warm the server up (its JIT, the database's caches).
        if (view < 5) continue;
        http.push(elapsed);
        db.push(Number(timing[1]));
        app.push(Number(timing[2]));
      }
      const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
      const elements = body.match(/<[a-z][a-z0-9-]*[\s/>]/gi)?.length ?? 0;
      const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
      const sent = await bytesSent(`${server.url}${pathname}`, headers);
      console.log(`| \`${pathname}\` | ${as ?? 'anyone'} | ${ms(http)} | ${ms(db)} | ${ms(app)} | ${kib(Buffer.byteLength(body))} | ${kib(sent)} | ${elements} |`);
    }
  } finally {
    await committer?.end();
    await stopServer(server);
  }
} finally {
  await database.drop();
}
