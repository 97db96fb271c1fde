// `npm run bench:webhooks`: how soon a committed event reaches a webhook receiver on loopback (1,000 events, one
// write at a time), and what the server's background work costs when nothing happens. On the PostgreSQL server when
// DATABASE_URL is set, else on PGlite.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { hashPassword } from '~/auth/password.server';
import { dateInZone } from '~/domain/dates';
import { migrateToLatest } from '../db/migrate';
import { generateBenchData } from './bench-data';
import { BENCH_PASSWORD, freshDatabase, serverUrl, signIn, startServer, stopServer } from './bench-server';

const EVENTS = 1_000;
const IDLE_SECONDS = 30;
const today = dateInZone(new Date(), 'UTC');

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;

/** The CPU time a process has used so far, in milliseconds (user and system). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const received = new Map<string, number>();
let onReceived = () => {};
const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received.set(String(request.headers['x-strat-delivery']), performance.now());
    onReceived();
    response.end('ok');
  });
});
receiver.listen(0, '127.0.0.1');
await new Promise((resolve) => receiver.once('listening', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const database = await freshDatabase('webhooks');
try {
  const opened = await database.open();
  await migrateToLatest(opened.db);
  await generateBenchData(opened.db, { customers: 3, progressEntries: 0, iarrEntries: 0 }, today, await hashPassword(BENCH_PASSWORD));
  await opened.close();
  const server = await startServer({ ...database.env, WEBHOOK_ALLOW_PRIVATE: 'true' });
  try {
    const cookie = await signIn(server.url, 'em@bench.test');
    const post = (pathname: string, body: unknown) =>
      fetch(`${server.url}${pathname}`, { method: 'POST', headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/api/v1/webhooks', { url: receiverUrl, events: ['blocker.opened'] });
    if (created.status !== 201) throw new Error(`Adding the webhook failed: ${created.status} ${await created.text()}`);

    // Each event's clock starts before the write that raises it is sent: the latency includes the write itself.
    const sent = new Map<number, number>();
    for (let index = 0; index < EVENTS; index += 1) {
      const start = performance.now();
      const response = await post('/api/v1/customers/customer-1/progress', { kind: 'blocker', occurredOn: today, body: `Bench blocker ${index}` });
      if (response.status !== 201) throw new Error(`Logging a blocker failed: ${response.status} ${await response.text()}`);
      sent.set(index, start);
    }
    await new Promise<void>((resolve) => {
      onReceived = () => received.size >= EVENTS && resolve();
      onReceived();
    });
    const ids = [...received.keys()].map(Number).sort((a, b) => a - b);
    // Event ids follow the writes' order: the first blocker's event has the lowest id.
    const latencies = ids.map((id, index) => received.get(String(id))! - sent.get(index)!).sort((a, b) => a - b);

    // Idle from here: the burst's garbage collected, nothing queued.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idleStart = cpuMs(server.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idleCpuPct = ((cpuMs(server.child.pid!) - idleStart) / (IDLE_SECONDS * 1000)) * 100;

    console.log(`\nStrat Tracker webhook bench on ${serverUrl ? 'PostgreSQL' : 'PGlite'}, ${today}\n`);
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| write committed → received, p50 (${EVENTS} events) | ${percentile(latencies, 0.5).toFixed(1)} ms |`);
    console.log(`| write committed → received, p99 | ${percentile(latencies, 0.99).toFixed(1)} ms |`);
    console.log(`| write committed → received, max | ${latencies.at(-1)!.toFixed(1)} ms |`);
    console.log(`| server CPU when idle (${IDLE_SECONDS} s) | ${idleCpuPct.toFixed(2)} % of a core |`);
  } finally {
    await stopServer(server);
  }
} finally {
  await database.drop();
  receiver.close();
}
