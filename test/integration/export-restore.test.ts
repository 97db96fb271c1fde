import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeExport } from '~/models/backup-export.server';
import { restoreExport, RestoreRefused } from '~/models/backup-restore.server';
import type { Executor } from '~/models/db.server';
import { generateBenchData } from '../../scripts/bench-data';
import { DEMO_PASSWORD, seedDemoData } from '../../scripts/demo-data';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/database';
import { callApi, setUpTestServer, setUpUserPerRole, startTestServer } from '../support/http-server';

const app = setUpTestServer();
const { tokens, users } = setUpUserPerRole(app);
const WEBHOOK_SECRET = 'whsec-test-4f1c9a0e7b2d';
const RESTORED_TABLES = ['users', 'customers', 'setting_changes', 'metric_snapshots', 'progress_entries', 'webhooks', 'audit_log'] as const;

type Document = Record<string, unknown> & { exportedAt: string; audit: { id: number }[] };

let exported: string;

/** The export of a database, read whole (for a test: the app streams it). */
async function exportOf(db: TestDatabase['db'], exportedAt = new Date('2026-12-02T09:00:00Z')): Promise<string> {
  const out = new PassThrough();
  const [document] = await Promise.all([text(out), writeExport(db, out, { exportedAt, defaultTimeZone: 'UTC' })]);
  return document;
}

/** Export → restore into a fresh database → export: the second document, but its new audit entries, as the first. */
async function expectRoundTrip(exportedDocument: string) {
  const target = await createTestDatabase();
  try {
    const summary = await restoreExport(target.db, piecesOf(exportedDocument));
    const before = JSON.parse(exportedDocument) as Document;
    expect(summary.rows.customers).toBe((before.customers as unknown[]).length);
    const after = JSON.parse(await exportOf(target.db)) as Document;
    const lastAudit = before.audit.at(-1)?.id ?? 0;
    expect(after.audit.filter((entry) => entry.id > lastAudit)).toMatchObject([{ action: 'database.restored', actor_label: 'cli' }]);
    expect({ ...after, exportedAt: before.exportedAt, audit: after.audit.filter((entry) => entry.id <= lastAudit) }).toEqual(before);
  } finally {
    await target.close();
  }
}

/** The document in pieces of `size` characters, as a file is read: every boundary falls somewhere new. */
async function* piecesOf(document: string, size = 977): AsyncGenerator<string> {
  for (let at = 0; at < document.length; at += size) yield document.slice(at, at + size);
}

async function rowCounts(db: Executor) {
  const counts: Record<string, number> = {};
  for (const table of RESTORED_TABLES) {
    counts[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
  return counts;
}

beforeAll(async () => {
  const { db } = app.database;
  await seedDemoData(db, '2026-11-18');
  await db.insertInto('webhooks').values({
    url: 'https://hooks.example.com/strat', events: ['gate.opened'], secret: WEBHOOK_SECRET, created_by: users.em.id, created_at: new Date(),
  }).execute();
  const response = await callApi(app.server, tokens.em, '/api/v1/export');
  expect(response.status).toBe(200);
  exported = await response.text();
});

describe('GET /api/v1/export', () => {
  it('is for execs and EMs only', async () => {
    for (const role of ['engineer', 'viewer'] as const) expect((await callApi(app.server, tokens[role], '/api/v1/export')).status).toBe(403);
    const response = await callApi(app.server, tokens.exec, '/api/v1/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="strat-tracker-\d{4}-\d{2}-\d{2}\.json"$/);
  });

  it("gives DOMAIN.md's document: the stored rows of each collection, ordered by id", async () => {
    const document = JSON.parse(exported) as Document;
    expect(Object.keys(document).sort()).toEqual([
      'audit', 'customers', 'decisions', 'evaluations', 'exportedAt', 'format', 'handoffs', 'iarr', 'objectives', 'progress', 'settings',
      'snapshots', 'themes', 'users', 'webhooks', 'weeklyUpdates',
    ]);
    expect(document.format).toBe('strat-tracker/1');
    const { db } = app.database;
    const customers = await db.selectFrom('customers').select(['id', 'slug', 'stage', 'version']).orderBy('id').execute();
    expect((document.customers as typeof customers).map(({ id, slug, stage, version }) => ({ id, slug, stage, version }))).toEqual(customers);
    const progress = document.progress as { id: number; search_vector?: unknown }[];
    expect(progress.map((entry) => entry.id)).toEqual([...progress.map((entry) => entry.id)].sort((a, b) => a - b));
    expect(progress.length).toBe((await rowCounts(db)).progress_entries);
    expect(progress[0]).not.toHaveProperty('search_vector');
    expect(document.settings).toMatchObject({ current: { acceptancePct: 30, capacity: 3, teamTimeZone: 'UTC' }, history: [] });
    expect((document.users as object[])[0]).not.toHaveProperty('password_hash');
    expect((document.webhooks as object[])[0]).toEqual(expect.not.objectContaining({ secret: expect.anything() }));
    expect(document.audit.at(-1)).toMatchObject({ action: 'database.exported', actor_id: users.em.id });
  });

  it('holds none of the secrets the database holds', async () => {
    const { db } = app.database;
    const secrets = [
      ...(await db.selectFrom('users').select('password_hash as secret').execute()),
      ...(await db.selectFrom('api_tokens').select('token_hash as secret').execute()),
      ...(await db.selectFrom('sessions').select('id_hash as secret').execute()),
      ...(await db.selectFrom('webhooks').select('secret').execute()),
    ].map((row) => row.secret!);
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of [...secrets, ...Object.values(tokens)]) expect(exported).not.toContain(secret);
  });
});

describe('restoring an export', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase();
  });
  afterAll(() => target?.close());

  it('brings the demo data back as it was: export → restore → export gives the same document', async () => {
    await expectRoundTrip(exported);
    await restoreExport(target.db, piecesOf(exported));
  });

  it("brings the bench's portfolio back as it was", async () => {
    const source = await createTestDatabase();
    try {
      await generateBenchData(source.db, { customers: 60, progressEntries: 3000, iarrEntries: 600 }, '2026-11-18', 'not-a-real-hash');
      const document = await exportOf(source.db);
      expect((JSON.parse(document) as { snapshots: unknown[] }).snapshots).toHaveLength(60 * 156);
      await expectRoundTrip(document);
    } finally {
      await source.close();
    }
  });

  it('leaves users without passwords (no sign-in with the old one), webhooks paused, and new ids after the restored ones', async () => {
    const { db } = target;
    expect(await db.selectFrom('users').select('id').where('password_hash', 'is not', null).execute()).toEqual([]);
    expect(await db.selectFrom('webhooks').select('secret').execute()).toEqual([{ secret: null }]);
    const server = await startTestServer(db);
    const response = await server.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'exec@demo.test', password: DEMO_PASSWORD }) });
    await server.close();
    expect(response.status).toBe(401);
    const last = await db.selectFrom('customers').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    const added = await db.insertInto('customers').values({ slug: 'after-restore', name: 'After Restore' }).returning('id').executeTakeFirstOrThrow();
    expect(added.id).toBe(Number(last.id) + 1);
  });
});

describe('a restore refuses, writing nothing', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase();
  });
  afterAll(() => target?.close());

  const document = () => JSON.parse(exported) as Record<string, unknown>;
  const cases: [string, () => string, RegExp][] = [
    ['another format', () => JSON.stringify({ ...document(), format: 'strat-tracker/2' }), /Not a strat-tracker\/1 export/],
    ['not JSON at all', () => 'users,customers\n1,2\n', /not valid JSON/],
    ['a truncated file', () => exported.slice(0, Math.floor(exported.length * 0.6)), /truncated/],
    ['a missing collection', () => JSON.stringify({ ...document(), objectives: undefined }), /lacks objectives/],
    ['a collection it does not know', () => JSON.stringify({ ...document(), invoices: [{ id: 1 }] }), /invoices/],
    ['a row with a field it does not store', () => {
      const changed = document();
      (changed.users as Record<string, unknown>[])[0]!.password_hash = 'x';
      return JSON.stringify(changed);
    }, /users\[0\] has a field this version does not store: "password_hash"/],
    ['a row the schema refuses', () => {
      const changed = document();
      (changed.customers as Record<string, unknown>[]).at(-1)!.stage = 'partner';
      return JSON.stringify(changed);
    }, /customers cannot be restored: .*check constraint/],
    ['a row that points at nothing', () => {
      const changed = document();
      (changed.progress as Record<string, unknown>[])[0]!.customer_id = 999_999;
      return JSON.stringify(changed);
    }, /progress cannot be restored: .*foreign key/],
  ];

  it.each(cases)('%s', async (_, file, message) => {
    await expect(restoreExport(target.db, piecesOf(file()))).rejects.toThrow(message);
    expect(Object.values(await rowCounts(target.db)).every((count) => count === 0)).toBe(true);
  });

  it('a database that holds data', async () => {
    const counts = await rowCounts(app.database.db);
    const refusal = restoreExport(app.database.db, piecesOf(exported));
    await expect(refusal).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refusal).rejects.toThrow(/The database is not empty \(it holds users, customers, /);
    expect(await rowCounts(app.database.db)).toEqual(counts);
  });
});

describe('npm run db:restore -- FILE', () => {
  const run = promisify(execFile);
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'strat-restore-'));
    writeFileSync(path.join(folder, 'export.json'), exported);
    writeFileSync(path.join(folder, 'broken.json'), exported.slice(0, 5000));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The command on a fresh database of its own: a new database on the server, or a new PGlite folder. */
  async function restoreInto(file: string) {
    const server = inject('testDatabase').kind === 'postgres' ? await createEmptyDatabase() : null;
    const env = server ? { DATABASE_URL: server.url! } : { DATABASE_URL: '', DATA_DIR: path.join(folder, `data-${file}`) };
    try {
      return await run('npm', ['run', '--silent', 'db:restore', '--', path.join(folder, file)], { env: { ...process.env, ...env } })
        .then(({ stdout }) => ({ code: 0, stdout, stderr: '' }), (error: { code: number; stdout: string; stderr: string }) => error);
    } finally {
      await server?.close();
    }
  }

  it('restores an export, saying what it brought back and what to do next', async () => {
    const { code, stdout } = await restoreInto('export.json');
    expect(code).toBe(0);
    const counts = JSON.parse(exported) as { customers: unknown[]; users: unknown[] };
    expect(stdout).toContain(`${counts.users.length} users, `);
    expect(stdout).toContain(`${counts.customers.length} customers, `);
    expect(stdout).toContain('npm run user:password -- --email E');
    expect(stdout).toContain('Webhooks are paused');
  }, 60_000);

  it('refuses a broken file with a non-zero exit and the reason', async () => {
    const { code, stderr } = await restoreInto('broken.json');
    expect(code).not.toBe(0);
    expect(stderr).toContain('The file ends before its document does: it is truncated.');
  }, 60_000);
});
