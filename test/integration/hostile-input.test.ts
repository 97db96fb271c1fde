import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '~/domain/roles';
import { createTestCustomer, createTestPartner } from '../factories/customers';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

// Hostile values, generated, to every JSON API endpoint, every form action and every page that reads its address:
// never a 5xx, every refusal says what is wrong (naming the field where there is one), and a refused request
// changes no row. `npm run fuzz` runs many more cases against the PostgreSQL server.
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

const app = setUpTestServer();
const { users, cookies } = setUpUserPerRole(app);
const slugs = { candidate: '', active: '', rejected: '' };

beforeAll(async () => {
  slugs.candidate = (await createTestCustomer(app.database.db)).slug;
  slugs.active = (await createTestPartner(app.database.db)).slug;
  slugs.rejected = (await createTestCustomer(app.database.db, { stage: 'rejected' })).slug;
  await app.database.db.updateTable('customers').set({ lead_engineer_id: users.engineer.id }).where('slug', '=', slugs.active).execute();
});

const ODD_TEXT = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  '0000-01-03', '1999-12-27', '9999-12-27', '2026-02-30', '2026-13-01', '0x10', '1e3', '1e308', '-1', '-0', '2147483648',
  '9007199254740993', 'NaN', 'Infinity', '%E0%A4%A', '../../etc/passwd', '<script>alert(1)</script>', '=HYPERLINK("x")',
  'a'.repeat(5000), '\r\nSet-Cookie: x=1', '/\t/evil.example', 'null', 'true', '[]', '{}',
];

const hostileText = fc.oneof(fc.constantFrom(...ODD_TEXT), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 8 }));

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.constantFrom(0, -1, 2_147_483_648, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

/** A field: mostly a valid value, so requests get past the first check, else anything hostile. */
const field = <T>(...valid: T[]) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 4 }, { arbitrary: hostileJson, weight: 1 });
const formField = (...valid: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 4 }, { arbitrary: hostileText, weight: 1 });

/** An object of these fields, some left out, with now and then an extra one (a prototype name among them). */
function objectOf<T>(fields: Record<string, fc.Arbitrary<T>>, extraValue: fc.Arbitrary<unknown> = hostileJson) {
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', ''), extraValue)))
    .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
}

const candidateFields = {
  name: field('Fuzz Co', 'Other Co'), slug: field('fuzz-co'), relatedMarket: field('Retail'), strategicSegment: field(true, false),
  coMarket: field('low', 'high'), newIndustry: field(true, false), visionAlignment: field('medium'), notes: field('n'),
};
const snapshot = () => objectOf({
  customer: field(slugs.active, slugs.candidate, 'nobody'), weekStart: field('2026-11-09', '2026-11-16'), completionsShown: field(100, 0),
  completionsAccepted: field(40, 0), dau: field(5, 50), availableDevelopers: field(100, 1),
});
const iarrEntry = () => objectOf({
  customer: field(slugs.active), bookedOn: field('2026-11-02'), amountUsd: field(1000), kind: field('expansion', 'net_new'),
  note: field('n'), externalId: field('fuzz-1', 'fuzz-2'),
});
const listOf = (row: () => fc.Arbitrary<unknown>) => fc.oneof(fc.array(fc.constant(0).chain(row), { maxLength: 3 }), hostileJson);

type Endpoint = {
  name: string;
  method: 'GET' | 'POST';
  path: () => fc.Arbitrary<string>;
  /** A JSON body (any value, or raw text that is no JSON), form fields, or nothing (a GET). */
  body?: () => fc.Arbitrary<{ json: unknown } | { raw: string } | { form: Record<string, string> }>;
};

const json = (value: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: value.map((json) => ({ json })), weight: 5 }, { arbitrary: fc.constantFrom('not json', '{"a":', '', '{"__proto__":{"polluted":1}}').map((raw) => ({ raw })), weight: 1 });
const form = (fields: Record<string, fc.Arbitrary<string>>) => objectOf(fields, hostileText).map((values) => ({ form: values as Record<string, string> }));
/** Percent-encodes a path segment; a lone surrogate, which has no UTF-8, goes as the bytes of one (broken UTF-8). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}
const fixed = (...paths: string[]) => () => fc.constantFrom(...paths);
const slugPath = (template: (slug: string) => string) => () =>
  fc.oneof(fc.constantFrom(slugs.active, slugs.candidate, slugs.rejected, 'nobody'), hostileText.map(encodeSegment)).map(template);
const week = formField('2026-11-09', '2026-11-16', '2026-11-11');

const ENDPOINTS: Endpoint[] = [
  { name: 'POST /api/v1/customers', method: 'POST', path: fixed('/api/v1/customers'), body: () => json(fc.oneof(objectOf(candidateFields), hostileJson)) },
  {
    name: 'POST /api/v1/customers/:slug/decisions', method: 'POST', path: slugPath((slug) => `/api/v1/customers/${slug}/decisions`),
    body: () => json(objectOf({ decision: field('approve', 'reject', 'defer', 'reconsider'), rationale: field('Because'), overrideJustification: field('x'.repeat(25)) })),
  },
  { name: 'POST /api/v1/customers/:slug/lead', method: 'POST', path: slugPath((slug) => `/api/v1/customers/${slug}/lead`), body: () => json(objectOf({ email: field(users.engineer?.email ?? 'a@b.test') })) },
  {
    name: 'POST /api/v1/customers/:slug/progress', method: 'POST', path: slugPath((slug) => `/api/v1/customers/${slug}/progress`),
    body: () => json(objectOf({
      kind: field('progress', 'feedback', 'request', 'blocker'), occurredOn: field('2026-11-17'), body: field('Did a thing'),
      theme: field<unknown>('Context', { name: 'Fuzz theme', owningTeam: 'Cody' }), routedTo: field('support'),
    })),
  },
  { name: 'POST /api/v1/metrics', method: 'POST', path: fixed('/api/v1/metrics'), body: () => json(objectOf({ snapshots: listOf(snapshot) })) },
  { name: 'POST /api/v1/iarr', method: 'POST', path: fixed('/api/v1/iarr'), body: () => json(objectOf({ entries: listOf(iarrEntry) })) },
  { name: 'GET /api/v1/north-star', method: 'GET', path: () => hostileText.map((weeks) => `/api/v1/north-star?weeks=${encodeSegment(weeks)}`) },
  { name: 'GET /api/v1/weekly-updates/:weekStart', method: 'GET', path: () => week.map((value) => `/api/v1/weekly-updates/${encodeSegment(value)}`) },
  { name: 'GET /api/v1/…', method: 'GET', path: () => hostileText.map((rest) => `/api/v1/${encodeSegment(rest)}`) },
  {
    name: 'POST /login', method: 'POST', path: fixed('/login'),
    body: () => form({ email: formField('someone@example.test'), password: formField('a password of length'), redirectTo: formField('/partners', '//evil.example') }),
  },
  {
    name: 'POST /candidates/new', method: 'POST', path: fixed('/candidates/new'),
    body: () => form({
      name: formField('Form Co'), slug: formField('form-co'), relatedMarket: formField('Retail'), strategicSegment: formField('yes', 'no'),
      coMarket: formField('low', 'high'), newIndustry: formField('yes', 'no'), visionAlignment: formField('medium'), notes: formField('n'),
    }),
  },
  {
    name: 'POST /customers/:slug', method: 'POST', path: slugPath((slug) => `/customers/${slug}`),
    body: () => form({
      intent: formField('record-snapshot', 'add-iarr', 'log-progress', 'resolve-entry', 'edit-answers', 'decide', 'assign-lead', 'hand-off', 'end', 'add-objective', 'edit-objective'),
      title: formField('Objective'), dueOn: formField('2026-11-30'), status: formField('planned', 'done'), links: formField('https://x.example/1', 'ftp://x'),
      objectiveId: formField('1', '999999'), ownerEmail: formField(''),
      version: formField('1', '2'), weekStart: week, completionsShown: formField('100'), completionsAccepted: formField('40'), dau: formField('5'),
      availableDevelopers: formField('100'), replace: formField('on'), bookedOn: formField('2026-11-02'), amountUsd: formField('1000'),
      kind: formField('expansion', 'progress', 'feedback', 'request'), note: formField('n'), submissionKey: formField('k1'), occurredOn: formField('2026-11-17'),
      body: formField('Did a thing'), themeName: formField('Context'), newThemeOwner: formField('Cody'), routing: formField('none', 'support', 'platform'),
      platformTeam: formField('Source'), entryId: formField('1'), resolutionNote: formField('done'), name: formField('Fuzz Co'),
      strategicSegment: formField('yes'), coMarket: formField('high'), newIndustry: formField('no'), visionAlignment: formField('high'),
      decision: formField('approve', 'defer'), rationale: formField('Because'), email: formField('nobody@example.test'), exitNotes: formField('Done'),
      exitedOn: formField('2026-11-17', '9999-12-27'), receivingTeam: formField('Support'),
    }),
  },
  {
    name: 'POST /users', method: 'POST', path: fixed('/users'),
    body: () => form({
      intent: formField('create', 'change-role', 'disable', 'enable', 'set-password'), userId: formField('1', '2', '0x10'), version: formField('1'),
      role: formField('viewer', 'exec'), email: formField('new@example.test'), name: formField('New'), password: formField('a long enough password'),
    }),
  },
  {
    name: 'POST /settings', method: 'POST', path: fixed('/settings'),
    body: () => form({
      intent: formField('change-settings', 'change-time-zone', 'create-token', 'revoke-token', 'mute-events', 'create-webhook', 'test-webhook', 'renew-webhook', 'delete-webhook'),
      version: formField('0'), acceptancePct: formField('30', '30.5'), notify: formField('gate.opened', 'blocker.opened'),
      url: formField('http://127.0.0.1:9/hook', 'https://hooks.example.test/x'), events: formField('gate.opened'), webhookId: formField('1', '999999'),
      teamTimeZone: formField('Europe/Berlin', 'utc', '+02:00'),
      dauPct: formField('50'), iarrUsd: formField('250000'), capacity: formField('3'), staleWindowDays: formField('14'), name: formField('t'), tokenId: formField('1'),
    }),
  },
  {
    name: 'POST /updates/:weekStart', method: 'POST', path: () => week.map((value) => `/updates/${encodeSegment(value)}`),
    body: () => form({ intent: formField('save', 'submit'), version: formField('1'), progress: formField('p'), blockers: formField('b'), upcoming: formField('u') }),
  },
  {
    name: 'POST /requests', method: 'POST', path: fixed('/requests'),
    body: () => form({ intent: formField('resolve-entry'), entryId: formField('1', '999999'), version: formField('1'), resolutionNote: formField('Done') }),
  },
  { name: 'GET /api/v1/search', method: 'GET', path: () => hostileText.map((q) => `/api/v1/search?q=${encodeSegment(q)}`) },
  {
    name: 'POST /api/v1/customers/:slug/objectives', method: 'POST', path: slugPath((slug) => `/api/v1/customers/${slug}/objectives`),
    body: () => json(objectOf({
      title: field('Objective'), dueOn: field('2026-11-30', '1999-01-01'), status: field('planned', 'done'), ownerEmail: field('nobody@example.test'),
      links: fc.oneof(fc.array(field('https://x.example/pr/1', 'javascript:x'), { maxLength: 3 }), hostileJson), notes: field('n'),
    })),
  },
  {
    name: 'POST /notifications', method: 'POST', path: fixed('/notifications'),
    body: () => form({ intent: formField('read', 'read-all'), id: formField('1', '999999') }),
  },
  { name: 'GET /api/v1/notifications', method: 'GET', path: () => hostileText.map((before) => `/api/v1/notifications?before=${encodeSegment(before)}`) },
  {
    name: 'POST /api/v1/notifications/read', method: 'POST', path: fixed('/api/v1/notifications/read'),
    body: () => json(objectOf({ ids: fc.oneof(fc.array(field(1, 2, 999_999), { maxLength: 3 }), hostileJson), all: field(true) })),
  },
  {
    name: 'POST /api/v1/webhooks', method: 'POST', path: fixed('/api/v1/webhooks'),
    body: () => json(objectOf({ url: field('http://127.0.0.1:9/hook', 'ftp://x'), events: fc.oneof(fc.array(field('gate.opened', 'blocker.opened'), { maxLength: 3 }), hostileJson) })),
  },
  { name: 'POST /api/v1/webhooks/:id/secret', method: 'POST', path: () => hostileText.map((id) => `/api/v1/webhooks/${encodeSegment(id)}/secret`) },
  {
    name: 'POST /api/v1/weekly-updates/:weekStart', method: 'POST', path: () => week.map((value) => `/api/v1/weekly-updates/${encodeSegment(value)}`),
    body: () => json(objectOf({ action: field('save', 'submit'), version: field(1, 2), progress: field('p'), blockers: field('b'), upcoming: field('u') })),
  },
  { name: 'POST /partners', method: 'POST', path: fixed('/partners'), body: () => form({ intent: formField('assign-lead'), slug: formField('x'), version: formField('1'), email: formField('a@b.test') }) },
  { name: 'POST /import', method: 'POST', path: fixed('/import'), body: () => form({ intent: formField('commit', 'preview'), kind: formField('snapshots', 'iarr'), csv: formField('customer,weekStart\nx,y') }) },
  {
    name: 'GET pages with filters', method: 'GET',
    path: () => fc.tuple(
      fc.constantFrom('/audit', `/customers/${slugs.active}`, '/import', '/updates', '/candidates', '/requests', '/search', '/notifications'),
      fc.dictionary(fc.constantFrom('entity', 'actor', 'from', 'to', 'before', 'kind', 'state', 'shown', 'imported', 'customer', 'routedTo', 'olderThanDays', 'q'), hostileText, { maxKeys: 4 }),
    )
      .map(([path, query]) => `${path}?${new URLSearchParams(query)}`),
  },
];

const COUNTED_TABLES = [
  'customers', 'framework_evaluations', 'decisions', 'metric_snapshots', 'iarr_entries', 'progress_entries', 'feedback_themes', 'handoffs',
  'users', 'api_tokens', 'weekly_updates', 'setting_changes', 'events', 'webhooks', 'webhook_deliveries', 'notification_mutes', 'objectives',
];

async function rowCounts(): Promise<string> {
  const counts = await sql<{ counts: string }>`select concat_ws(',', ${sql.join(COUNTED_TABLES.map((table) => sql`(select count(*) from ${sql.table(table)})`))}) as counts`.execute(app.database.db);
  return counts.rows[0]!.counts;
}

function requestInit(endpoint: Endpoint, body: { json: unknown } | { raw: string } | { form: Record<string, string> } | undefined): RequestInit {
  if (!body) return {};
  if ('form' in body) return { body: new URLSearchParams(Object.entries(body.form).map(([name, value]) => [name, String(value)])) };
  const text = 'raw' in body ? body.raw : JSON.stringify(body.json) ?? 'null';
  return { headers: { 'Content-Type': 'application/json' }, body: text };
}

/** What a refusal says: the API's error with a code and message (and fields on a 422), or a page with words. */
async function expectPlainRefusal(response: Response, label: string) {
  const text = await response.text();
  expect(text, label).not.toMatch(/Unexpected Server Error|\bat \S+:\d+:\d+|node_modules\/|No route matches|did not provide an/);
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return;
  const error = (JSON.parse(text) as { error?: { code?: string; message?: string; fields?: Record<string, string> } }).error;
  expect(error?.code, label).toBeTruthy();
  expect(error?.message, label).toBeTruthy();
  if (response.status === 422) expect(Object.keys(error?.fields ?? {}).length, label).toBeGreaterThan(0);
}

const seen: Record<string, Record<number, number>> = {};

describe('hostile input', () => {
  afterAll(() => {
    const lines = Object.entries(seen).map(([name, statuses]) => {
      const cases = Object.values(statuses).reduce((sum, count) => sum + count, 0);
      return `${name.padEnd(42)} ${String(cases).padStart(6)}  ${Object.entries(statuses).map(([status, count]) => `${status}×${count}`).join(' ')}`;
    });
    console.warn(`Hostile input, ${RUNS_PER_ENDPOINT} cases per endpoint (seed ${SEED}):\n${lines.join('\n')}`);
  });

  it.each(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))('%s: never a 5xx, a plain refusal, nothing half-written', async (name, endpoint) => {
    seen[name] = {};
    const cases = fc.tuple(endpoint.path(), endpoint.body?.() ?? fc.constant(undefined), fc.constantFrom<Role | null>(...ROLES, 'em', 'exec', null));
    await fc.assert(
      fc.asyncProperty(cases, async ([path, body, role]) => {
        const before = await rowCounts();
        // No role: a visitor who is not signed in.
        const response = await app.server.request(path, { method: endpoint.method, cookie: role ? cookies[role] : undefined, ...requestInit(endpoint, body) });
        seen[name]![response.status] = (seen[name]![response.status] ?? 0) + 1;
        const label = `${role ?? 'visitor'} ${endpoint.method} ${path} ${JSON.stringify(body)?.slice(0, 300)} → ${response.status}`;
        expect(response.status, label).toBeLessThan(500);
        if (response.status >= 400) {
          await expectPlainRefusal(response, label);
          expect(await rowCounts(), label).toBe(before);
        } else {
          await response.arrayBuffer();
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT, seed: SEED, endOnFailure: true },
    );
  }, 30_000 + RUNS_PER_ENDPOINT * 250);
});
