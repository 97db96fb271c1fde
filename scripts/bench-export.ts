// `npm run bench:export`: the export (GET /api/v1/export, streamed to a file) and the restore (`db:restore`) of the
// bench's portfolio at 10×, each timed, with the peak memory of the process doing it. On the PostgreSQL server when
// DATABASE_URL is set (fresh databases of its own), else on PGlite.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { hashPassword } from '~/auth/password.server';
import { dateInZone } from '~/domain/dates';
import { migrateToLatest } from '../db/migrate';
import { BASE_SCALE, generateBenchData } from './bench-data';
import { BENCH_PASSWORD, freshDatabase, rssMiB, serverUrl, signIn, startServer, stopServer } from './bench-server';
import { nodeArguments } from './serve-command';

const FACTOR = 10;

/** The highest resident memory a process reaches while `work` runs, sampled every 20 ms. */
async function peakRss<T>(pid: number, work: Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = rssMiB(pid);
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process has just exited: its last sample stands.
    }
  }, 20);
  try {
    return { result: await work, peakMiB: peak };
  } finally {
    clearInterval(sampler);
  }
}

const seconds = (start: number) => (performance.now() - start) / 1000;
const folder = mkdtempSync(path.join(tmpdir(), 'strat-bench-export-'));
const file = path.join(folder, 'export.json');
const source = await freshDatabase('export_source');
const target = await freshDatabase('export_target');
try {
  const opened = await source.open();
  await migrateToLatest(opened.db);
  const scale = { customers: BASE_SCALE.customers * FACTOR, progressEntries: BASE_SCALE.progressEntries * FACTOR, iarrEntries: BASE_SCALE.iarrEntries * FACTOR };
  await generateBenchData(opened.db, scale, dateInZone(new Date(), 'UTC'), await hashPassword(BENCH_PASSWORD));
  await opened.close();

  const server = await startServer(source.env);
  const cookie = await signIn(server.url);
  const idleMiB = rssMiB(server.child.pid!);
  const exportStart = performance.now();
  const exported = await peakRss(server.child.pid!, (async () => {
    const response = await fetch(`${server.url}/api/v1/export`, { headers: { Cookie: cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`The export answered ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file));
  })());
  const exportSeconds = seconds(exportStart);
  await stopServer(server);

  const restoreStart = performance.now();
  const restorer = spawn(process.execPath, [...nodeArguments('db:restore'), file], {
    env: { ...process.env, ...target.env }, stdio: 'inherit',
  });
  const restored = await peakRss(restorer.pid!, new Promise<number | null>((resolve) => restorer.once('exit', resolve)));
  const restoreSeconds = seconds(restoreStart);
  if (restored.result !== 0) throw new Error(`The restore exited with ${restored.result}`);

  const megabytes = statSync(file).size / 1024 / 1024;
  console.log(`\nExport and restore at ${FACTOR}× on ${serverUrl ? 'PostgreSQL' : 'PGlite'} (${scale.customers} customers, ${megabytes.toFixed(0)} MiB of JSON):\n`);
  console.log('| measure | value |\n|---|---|');
  console.log(`| export: GET /api/v1/export streamed to a file | ${exportSeconds.toFixed(1)} s |`);
  console.log(`| export: server RSS, idle → peak | ${idleMiB.toFixed(0)} → ${exported.peakMiB.toFixed(0)} MiB |`);
  console.log(`| restore: npm run db:restore -- FILE | ${restoreSeconds.toFixed(1)} s |`);
  console.log(`| restore: process RSS, peak | ${restored.peakMiB.toFixed(0)} MiB |`);
} finally {
  await source.drop();
  await target.drop();
  rmSync(folder, { recursive: true, force: true });
}
