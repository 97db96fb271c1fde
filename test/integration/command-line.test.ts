import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Environment } from '../../db/connection';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/http-server';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

// The commands run as the README gives them, on the database the environment names: the PostgreSQL
// test database in the postgres project, a fresh embedded data folder in the PGlite one.
let database: TestDatabase | null = null;
let dataDir: string;
let env: Environment;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'strat-cli-'));
  const candidate = await createTestDatabase();
  if (candidate.url) database = candidate;
  else await candidate.close();
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '' };
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function command(script: string, args: string[], extraEnv: Environment = {}) {
  return run(TSX, [`scripts/${script}.ts`, ...args], { env: { ...env, ...extraEnv, NODE_ENV: 'test' } });
}

describe('command line', () => {
  it('creates a user and a token that the API accepts; the token is alone on the last line', async () => {
    const created = await command('user-create', ['--email', 'ops@example.test', '--name', 'Ops', '--role', 'em'], {
      USER_PASSWORD: 'a long enough password',
    });
    expect(created.stdout).toContain('Created em ops@example.test');
    const { stdout } = await command('token-create', ['--email', 'ops@example.test', '--name', 'nightly import']);
    const token = stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^st_[A-Za-z0-9_-]{43}$/);

    const opened = database ?? (await openDatabase(env));
    let server: TestServer | undefined;
    try {
      server = await startTestServer(opened.db);
      const response = await server.request('/api/v1/customers', { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    } finally {
      await server?.close();
      if (!database) await opened.close();
    }
  });

  it('refuses a short password and an unknown role, naming the option, and creates nothing', async () => {
    const failure = await command('user-create', ['--email', 'bad@example.test', '--name', 'Bad', '--role', 'admin'], {
      USER_PASSWORD: 'short',
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain('--role');
    expect(stderr).toContain('--password: Use at least 12 characters.');
    expect(stderr).not.toContain('short');
  });

  it('refuses to open an embedded data folder that another process holds', async () => {
    const heldDir = mkdtempSync(path.join(tmpdir(), 'strat-held-'));
    const holder = await openDatabase({ DATA_DIR: heldDir });
    try {
      const failure = await command('migrate', [], { DATA_DIR: heldDir, DATABASE_URL: '' }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining(`is open in process ${process.pid}`) });
    } finally {
      await holder.close();
      rmSync(heldDir, { recursive: true, force: true });
    }
  });

  it('refuses a token for an unknown user', async () => {
    const failure = await command('token-create', ['--email', 'ghost@example.test', '--name', 'x']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('No active user has the email ghost@example.test') });
  });
});
