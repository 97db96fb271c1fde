// What the benches share: a fresh database of their own, the built server started on it, a signed-in session.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, openPostgres, type Database } from '../db/connection';
import { serveArguments } from './serve-command';

export const BENCH_PASSWORD = 'bench-password-long-enough';
/** The PostgreSQL server the benches run on, when DATABASE_URL names one; else PGlite. */
export const serverUrl = process.env.DATABASE_URL;

/** A fresh database for one run: its own database on the server, or its own PGlite folder. */
export async function freshDatabase(label: string): Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (serverUrl) {
    const name = `strat_bench_${process.pid}_${label}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    await admin(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { env: { DATABASE_URL: url.toString() }, open: async () => openPostgres(url.toString()), drop: () => admin(`drop database ${name} with (force)`) };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), `strat-bench-${label}-`));
  return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ DATA_DIR: dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, serveArguments(), {
    env: { ...process.env, ...env, PORT: '0', NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-of-enough-length-000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`The server exited with ${code}: ${output}`)));
  });
}

/** Stops a server started by startServer, once it has exited (a PGlite folder is its until then). */
export async function stopServer(server: { child: ChildProcess }): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

export async function signIn(url: string, email = 'exec@bench.test'): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD }),
  });
  const cookie = response.headers.get('Set-Cookie')?.split(';')[0];
  if (response.status !== 302 || !cookie) throw new Error(`Bench sign-in failed: ${response.status}`);
  return cookie;
}
