import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { serveArguments } from '../../scripts/serve-command';

/** A port nothing listens on now, for a server that must know its own address before it starts (APP_URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The built app as `npm start` serves it, for this test file alone: a fresh embedded database with demo data on a
 * free port (or `port`), so that no file sees another's changes; `env` adds to its environment.
 */
export function setUpAppServer(options: { port?: number; env?: Record<string, string> } = {}): { baseUrl: string } {
  const app = { baseUrl: '' };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'strat-e2e-'));
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    const port = options.port ?? (await freePort());
    const baseUrl = `http://localhost:${port}`;
    server = spawn(process.execPath, serveArguments(), {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', NODE_ENV: 'test', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('running at http://localhost:')) resolve();
      };
      server!.stdout!.on('data', read);
      server!.stderr!.on('data', read);
      server!.once('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
    });
    app.baseUrl = baseUrl;
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  return app;
}
