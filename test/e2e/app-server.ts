import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { serveArguments } from '../../scripts/serve-command';

/**
 * The built app as `npm start` serves it, for this test file alone: a fresh embedded database with demo data
 * on a free port, so that no file sees another's changes.
 */
export function setUpAppServer(): { baseUrl: string } {
  const app = { baseUrl: '' };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'strat-e2e-'));
  const server = spawn(process.execPath, serveArguments(), {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.once('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
  });
  beforeAll(async () => {
    app.baseUrl = await started;
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return app;
}
