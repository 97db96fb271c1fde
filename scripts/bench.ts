// `npm run bench`: the dashboard and a customer page on a large portfolio, over HTTP and as SQL alone, at 1× and
// 10× the data; a 10,000-row CSV import; server memory under load; the JavaScript the dashboard loads.
// On the PostgreSQL server when DATABASE_URL is set (a fresh database of its own), else on PGlite.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashPassword } from '~/auth/password.server';
import { addDays, dateInZone, weekStartOf } from '~/domain/dates';
import { commitImport } from '~/models/csv-import.server';
import { loadCustomerPage } from '~/models/customer-page.server';
import { loadDashboard } from '~/models/dashboard.server';
import { search } from '~/models/search.server';
import { ProgressFilterSchema } from '~/schemas/progress';
import { migrateToLatest } from '../db/migrate';
import { BASE_SCALE, generateBenchData } from './bench-data';
import { BENCH_PASSWORD, freshDatabase, rssMiB, serverUrl, signIn, startServer, stopServer } from './bench-server';

const SEQUENTIAL_REQUESTS = 200;
const CONCURRENCY = 16;
const CONCURRENT_REQUESTS = 1_600;
const SQL_RUNS = 50;

const today = dateInZone(new Date(), 'UTC');

type Timing = { p50: number; p99: number; rps: number };

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * One request at a time, timed to the microsecond (autocannon counts whole milliseconds). `beforeEach` runs
 * untimed before each request.
 */
async function loadOneByOne(url: string, cookie: string, pathname: string, requests: number, beforeEach?: () => Promise<unknown>): Promise<Timing> {
  const durations: number[] = [];
  const start = performance.now();
  for (let index = 0; index < requests; index += 1) {
    await beforeEach?.();
    durations.push(
      await time(async () => {
        const response = await fetch(`${url}${pathname}`, { headers: { Cookie: cookie } });
        if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
        await response.arrayBuffer();
      }),
    );
  }
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 0.5), p99: percentile(durations, 0.99), rps: (requests / (performance.now() - start)) * 1000 };
}

/** `connections` requests at a time, by autocannon: a load generator far lighter than fetch, so the server is what is measured. */
async function loadConcurrently(url: string, cookie: string, pathname: string, connections: number, requests: number): Promise<Timing> {
  // autocannon stops at its next sample: at the default of one per second, a 2.1 s run would count as 3 s.
  const result = await autocannon({ url: `${url}${pathname}`, connections, amount: requests, sampleInt: 50, headers: { Cookie: cookie } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${pathname}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.total / result.duration };
}

/**
 * A page's timings; `commit`, when given, commits a transaction before each view of a second series, so that
 * each of those views is rendered afresh (no cache can answer it).
 */
async function measureHttp(url: string, cookie: string, pathname: string, serverPid: number, commit?: () => Promise<unknown>) {
  await loadOneByOne(url, cookie, pathname, 20);
  const one = await loadOneByOne(url, cookie, pathname, SEQUENTIAL_REQUESTS);
  const afterCommit = commit ? await loadOneByOne(url, cookie, pathname, SEQUENTIAL_REQUESTS, commit) : null;
  let peakRss = rssMiB(serverPid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(serverPid))), 50);
  const sixteen = await loadConcurrently(url, cookie, pathname, CONCURRENCY, CONCURRENT_REQUESTS);
  clearInterval(sampler);
  return { one, afterCommit, sixteen, peakRss };
}

async function sqlAlone(run: () => Promise<unknown>): Promise<number> {
  for (let warmUp = 0; warmUp < 5; warmUp += 1) await run();
  const durations: number[] = [];
  for (let index = 0; index < SQL_RUNS; index += 1) durations.push(await time(run));
  return percentile(durations.sort((a, b) => a - b), 0.5);
}

function importCsv(rows: number): string {
  const lastWeek = addDays(weekStartOf(today), -7);
  const lines = ['customer,weekStart,completionsShown,completionsAccepted,dau,availableDevelopers'];
  for (let index = 0; index < rows; index += 1) {
    const customer = 1 + (index % BASE_SCALE.customers);
    const week = addDays(lastWeek, -7 * Math.floor(index / BASE_SCALE.customers));
    lines.push(`customer-${customer},${week},${1000 + index},${300 + (index % 100)},${100 + (index % 50)},1000`);
  }
  return lines.join('\n');
}

/** The gzip size of the JavaScript a browser loads for the dashboard: entry, root and the route, with their chunks. */
function dashboardJsKiB(): number {
  const buildDir = path.resolve('public/build');
  const manifestFile = readdirSync(buildDir).find((file) => file.startsWith('manifest-'))!;
  const manifest = JSON.parse(/window\.__remixManifest=(\{.*\});?\s*$/s.exec(readFileSync(path.join(buildDir, manifestFile), 'utf8'))![1]!);
  const files = new Set<string>([`/build/${manifestFile}`, manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ['root', 'routes/_index']) {
    files.add(manifest.routes[id].module);
    for (const file of manifest.routes[id].imports ?? []) files.add(file);
  }
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(path.join('public', file))).length;
  return bytes / 1024;
}

async function benchScale(factor: number, passwordHash: string) {
  const scale = { customers: BASE_SCALE.customers * factor, progressEntries: BASE_SCALE.progressEntries * factor, iarrEntries: BASE_SCALE.iarrEntries * factor };
  const database = await freshDatabase(`${factor}x`);
  try {
    const opened = await database.open();
    await migrateToLatest(opened.db);
    const generation = await time(() => generateBenchData(opened.db, scale, today, passwordHash));
    const slug = 'customer-1';
    const sql = {
      dashboard: await sqlAlone(() => loadDashboard(opened.db, today)),
      customer: await sqlAlone(() => loadCustomerPage(opened.db, { slug, today, timeZone: 'UTC', progressFilter: ProgressFilterSchema.parse({}) })),
      // The words of one entry, and two words that 1 entry in 20 has (10,000 matches to rank at 10×).
      searchOne: await sqlAlone(() => search(opened.db, 'sibling repos 4243')),
      searchBroad: await sqlAlone(() => search(opened.db, 'sibling repos')),
    };
    let importMs: number | null = null;
    if (factor === 1) {
      const actor = await opened.db.selectFrom('users').select(['id', 'email', 'role']).where('email', '=', 'exec@bench.test').executeTakeFirstOrThrow();
      importMs = await time(() => commitImport(opened.db, { kind: 'snapshots', csv: importCsv(10_000), actor, today, now: new Date() }));
    }
    await opened.close();
    const server = await startServer(database.env);
    // Only on the server: PGlite's folder belongs to the server process alone.
    const committer = serverUrl ? new pg.Client({ connectionString: database.env.DATABASE_URL }) : null;
    await committer?.connect();
    const commit = committer ? () => committer.query('select txid_current()') : undefined;
    try {
      const cookie = await signIn(server.url);
      const dashboard = await measureHttp(server.url, cookie, '/', server.child.pid!, commit);
      const customer = await measureHttp(server.url, cookie, `/customers/${slug}`, server.child.pid!, commit);
      // The EM's and a lead engineer's homes, each view the first after a commit where the bench can commit.
      const homes = {
        em: await loadOneByOne(server.url, await signIn(server.url, 'em@bench.test'), '/', SEQUENTIAL_REQUESTS, commit),
        lead: await loadOneByOne(server.url, await signIn(server.url, 'lead1@bench.test'), '/', SEQUENTIAL_REQUESTS, commit),
      };
      return { factor, scale, generation, sql, importMs, dashboard, customer, homes };
    } finally {
      await committer?.end();
      await stopServer(server);
    }
  } finally {
    await database.drop();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const passwordHash = await hashPassword(BENCH_PASSWORD);
const results = [await benchScale(1, passwordHash), await benchScale(10, passwordHash)];
const [one, ten] = results as [Awaited<ReturnType<typeof benchScale>>, Awaited<ReturnType<typeof benchScale>>];
console.log(`\nStrat Tracker bench on ${serverUrl ? 'PostgreSQL' : 'PGlite'}, ${today}\n`);
console.log('| measure | 1× | 10× | 10×/1× |');
console.log('|---|---|---|---|');
for (const page of ['dashboard', 'customer'] as const) {
  const name = page === 'dashboard' ? 'dashboard' : 'customer page';
  const row = (label: string, pick: (result: typeof one) => number | undefined, format: (value: number) => string = ms) => {
    const [atOne, atTen] = [pick(one), pick(ten)];
    if (atOne === undefined || atTen === undefined) return;
    console.log(`| ${name}: ${label} | ${format(atOne)} | ${format(atTen)} | ${(atTen / atOne).toFixed(2)} |`);
  };
  row('HTTP p50, one at a time', (result) => result[page].one.p50);
  row('HTTP p99, one at a time', (result) => result[page].one.p99);
  row('HTTP p50, one at a time, each after a commit', (result) => result[page].afterCommit?.p50);
  row(`HTTP p50, ${CONCURRENCY} concurrent`, (result) => result[page].sixteen.p50);
  row(`HTTP p99, ${CONCURRENCY} concurrent`, (result) => result[page].sixteen.p99);
  row(`requests/s, ${CONCURRENCY} concurrent`, (result) => result[page].sixteen.rps, (value) => value.toFixed(0));
  row('SQL alone p50', (result) => result.sql[page]);
  row('HTTP p50 / SQL p50', (result) => result[page].one.p50 / result.sql[page], (value) => value.toFixed(2));
  row('HTTP p50 after a commit / SQL p50', (result) => (result[page].afterCommit ? result[page].afterCommit.p50 / result.sql[page] : undefined), (value) => value.toFixed(2));
}
const both = (label: string, pick: (result: typeof one) => number) =>
  console.log(`| ${label} | ${ms(pick(one))} | ${ms(pick(ten))} | ${(pick(ten) / pick(one)).toFixed(2)} |`);
both('search, the words of one entry: SQL alone p50', (result) => result.sql.searchOne);
both('search, words 1 entry in 20 has: SQL alone p50', (result) => result.sql.searchBroad);
const eachView = serverUrl ? ', each after a commit' : '';
both(`home (EM): HTTP p50, one at a time${eachView}`, (result) => result.homes.em.p50);
both(`home (lead engineer): HTTP p50, one at a time${eachView}`, (result) => result.homes.lead.p50);
console.log(`| server RSS, peak under load | ${Math.max(one.dashboard.peakRss, one.customer.peakRss).toFixed(0)} MiB | ${Math.max(ten.dashboard.peakRss, ten.customer.peakRss).toFixed(0)} MiB | |`);
console.log(`| 10,000-row CSV import | ${ms(one.importMs!)} | | |`);
console.log(`| dashboard JavaScript (gzip) | ${dashboardJsKiB().toFixed(1)} KiB | | |`);
console.log(`| data generation | ${ms(one.generation)} | ${ms(ten.generation)} | |`);
