import { describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { callApi, setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer } from '../factories/customers';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

// The test server's clock: Wednesday 2026-11-18, UTC. The week of 2026-11-09 was due Friday 2026-11-13.
const THIS_WEEK = '2026-11-16';

function save(weekStart: string, role: Role, fields: Record<string, string>) {
  return app.server.request(`/updates/${weekStart}`, { method: 'POST', cookie: cookies[role], body: new URLSearchParams(fields) });
}

function page(weekStart: string, role: Role = 'viewer') {
  return app.server.request(`/updates/${weekStart}`, { cookie: cookies[role] });
}

function api(weekStart: string, role: Role = 'viewer') {
  return app.server.request(`/api/v1/weekly-updates/${weekStart}`, { headers: { Authorization: `Bearer ${tokens[role]}` } });
}

async function stored(weekStart: string) {
  return app.database.db
    .selectFrom('weekly_updates')
    .select(['status', 'progress', 'blockers', 'upcoming', 'version', 'submitted_by', 'amended_at'])
    .where('week_start', '=', weekStart)
    .executeTakeFirst();
}

function log(slug: string, entry: Record<string, unknown>) {
  return app.server.request(`/api/v1/customers/${slug}/progress`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.em}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(entry),
  });
}

describe('the week’s first draft', () => {
  it('is pre-filled from the week’s log per partner, open blockers, metric moves and the gate', async () => {
    const partner = await createTestCustomer(app.database.db, { stage: 'active', name: 'Draftwell Partners' });
    await app.database.db
      .insertInto('metric_snapshots')
      .values([
        { customer_id: partner.id, week_start: '2026-11-09', completions_shown: 1000, completions_accepted: 300, dau: 50, available_developers: 100 },
        { customer_id: partner.id, week_start: '2026-11-02', completions_shown: 1000, completions_accepted: 250, dau: 55, available_developers: 100 },
      ])
      .execute();
    expect((await log(partner.slug, { kind: 'win', occurredOn: '2026-11-10', body: 'Rolled out to **all** teams' })).status).toBe(201);
    await log(partner.slug, { kind: 'blocker', occurredOn: '2026-11-04', body: 'SSO broken since last week' });
    await log(partner.slug, { kind: 'progress', occurredOn: '2026-11-16', body: 'Next week’s entry, not this one' });

    const html = await (await page('2026-11-09', 'em')).text();
    expect(html).toContain('Pre-filled from the week’s progress log');
    expect(html).toContain('### Draftwell Partners\n\n- **Win** (2026-11-10): Rolled out to **all** teams');
    expect(html).not.toContain('Next week’s entry');
    expect(html).toContain('- **Draftwell Partners**: acceptance 30.0 % (up 5.0 points), DAU 50.0 % (down 5.0 points)');
    expect(html).toContain('### Intake gate');
    expect(html).toContain('- **Draftwell Partners**: SSO broken since last week (open since 2026-11-04)');
    // Nothing is stored until the EM saves.
    expect(await stored('2026-11-09')).toBeUndefined();
  });
});

describe('writing the weekly update', () => {
  const sections = { progress: 'Northwind live in **two** hubs.', blockers: 'Halcyon proxy.', upcoming: 'Meridian kickoff.' };

  it('saves a draft, submits it, and amends it later, each audited; a stale save is a 409 that loses nothing', async () => {
    const week = '2026-11-02';
    expect((await save(week, 'em', { intent: 'save', ...sections })).status).toBe(302);
    expect(await stored(week)).toMatchObject({ status: 'draft', version: 1, progress: sections.progress });

    expect((await save(week, 'em', { intent: 'save', version: '1', ...sections, upcoming: 'Meridian kickoff on Tuesday.' })).status).toBe(302);
    const stale = await save(week, 'em', { intent: 'submit', version: '1', ...sections, progress: 'My edits, made from the old version' });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('Someone else saved this update meanwhile');
    expect(staleHtml).toContain('My edits, made from the old version</textarea>');
    expect(await stored(week)).toMatchObject({ status: 'draft', version: 2, upcoming: 'Meridian kickoff on Tuesday.' });

    expect((await save(week, 'em', { intent: 'submit', version: '2', ...sections })).status).toBe(302);
    expect(await stored(week)).toMatchObject({ status: 'submitted', version: 3, submitted_by: users.em.id, amended_at: null });

    expect((await save(week, 'em', { intent: 'save', version: '3', ...sections, blockers: 'Halcyon proxy: fixed Thursday.' })).status).toBe(302);
    const amended = await stored(week);
    expect(amended).toMatchObject({ status: 'amended', version: 4, blockers: 'Halcyon proxy: fixed Thursday.' });
    expect(amended!.amended_at).not.toBeNull();

    const audit = await app.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_type', '=', 'weekly_updates').where('entity_id', '=', week).orderBy('id').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['weekly_update.draft', 'weekly_update.draft', 'weekly_update.submitted', 'weekly_update.amended']);
    expect(new Set(audit.map((entry) => entry.actor_id))).toEqual(new Set([users.em.id]));

    const html = await (await page(week)).text();
    expect(html).toContain('Amended');
    expect(html).toContain('# Strategic team weekly update: week of 2026-11-02 (amended)');
  });

  it('stores a form’s CRLF line breaks as \\n, and says when an update was submitted late, with the time', async () => {
    const late = '2026-10-19';
    const form = { intent: 'submit', progress: 'Line one\r\nLine two', blockers: 'None\r\n', upcoming: 'Kickoff' };
    expect((await save(late, 'em', form)).status).toBe(302);
    expect(await stored(late)).toMatchObject({ progress: 'Line one\nLine two', blockers: 'None\n' });
    expect((await (await api(late)).json()).progress).toBe('Line one\nLine two');
    const at = app.server.clock.now.toISOString().replace('T', ' ').slice(0, 16);
    expect(await (await page(late)).text()).toContain(` · submitted late, ${at} by ${users.em.name}`);

    expect((await save(THIS_WEEK, 'em', form)).status).toBe(302);
    expect(await (await page(THIS_WEEK)).text()).toContain(` · submitted ${at} by ${users.em.name}`);
    const html = await (await app.server.request('/updates', { cookie: cookies.viewer })).text();
    const state = (week: string) => new RegExp(`>${week}</a></th><td>[\\d-]+</td><td[^>]*>([^<]+)</td><td>([^<]+)</td>`).exec(html)?.slice(1);
    expect(state(late)).toEqual(['Submitted, submitted late', `${at} by ${users.em.name}`]);
    expect(state(THIS_WEEK)).toEqual(['Submitted', `${at} by ${users.em.name}`]);
    await app.database.db.deleteFrom('weekly_updates').where('week_start', 'in', [late, THIS_WEEK]).execute();
  });

  it('refuses a second new update for a week that someone started meanwhile', async () => {
    const week = '2026-10-26';
    const [first, second] = await Promise.all([save(week, 'em', { intent: 'save', ...sections }), save(week, 'em', { intent: 'save', ...sections, progress: 'Mine' })]);
    expect([first.status, second.status].sort()).toEqual([302, 409]);
    expect(await stored(week)).toMatchObject({ version: 1 });
  });

  it('lets only the EM write it (403 for the others), and needs progress to submit', async () => {
    const week = '2026-10-19';
    for (const role of ['exec', 'engineer', 'viewer'] as const) expect((await save(week, role, { intent: 'save', ...sections })).status).toBe(403);
    const empty = await save(week, 'em', { intent: 'submit', progress: ' ', blockers: '', upcoming: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Write the week’s progress before submitting.');
    expect(await stored(week)).toBeUndefined();
    expect((await page(week, 'exec')).status).toBe(200);
  });

  it('answers 404 for a week that is not a Monday or has not started', async () => {
    expect((await page('2026-11-17')).status).toBe(404);
    expect((await page('2026-11-23')).status).toBe(404);
    expect((await save('2026-11-23', 'em', { intent: 'save', ...sections })).status).toBe(404);
  });

  it('renders the sections as Markdown that never lets script through', async () => {
    const week = '2026-10-12';
    const attack = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    await save(week, 'em', { intent: 'submit', progress: attack, blockers: attack, upcoming: attack });
    const html = await (await page(week)).text();
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main).not.toMatch(/<script>alert|href="javascript:|<img src=x/);
    expect(main).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the weekly updates list and API', () => {
  it('lists every week with its state, overdue in the team’s time zone', async () => {
    const html = await (await app.server.request('/updates', { cookie: cookies.viewer })).text();
    const state = (week: string) => new RegExp(`>${week}</a></th><td>[\\d-]+</td><td[^>]*>([^<]+)</td>`).exec(html)?.[1];
    expect(state(THIS_WEEK)).toBe('Missing');
    expect(state('2026-11-09')).toBe('Missing, overdue');
  });

  it('POST /api/v1/weekly-updates/:weekStart saves, submits and amends for EMs, under the version it read', async () => {
    const path = '/api/v1/weekly-updates/2026-09-28';
    const body = { progress: 'Shipped', blockers: '', upcoming: 'Next', action: 'save' };
    expect((await callApi(app.server, tokens.engineer, path, { body })).status).toBe(403);
    const noProgress = await callApi(app.server, tokens.em, path, { body: { ...body, progress: ' ', action: 'submit' } });
    expect(noProgress.status).toBe(422);
    expect((await noProgress.json()).error.fields).toEqual({ progress: 'Write the week’s progress before submitting.' });

    const draft = await callApi(app.server, tokens.em, path, { body });
    expect(await draft.json()).toMatchObject({ status: 'draft', version: 1, progress: 'Shipped' });
    const submitted = await callApi(app.server, tokens.em, path, { body: { ...body, action: 'submit', version: 1 } });
    expect(await submitted.json()).toMatchObject({ status: 'submitted', version: 2, overdue: false });
    const stale = await callApi(app.server, tokens.em, path, { body: { ...body, progress: 'Mine', action: 'submit', version: 1 } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('version_conflict');
    const amended = await (await callApi(app.server, tokens.em, path, { body: { ...body, upcoming: 'Later', action: 'submit', version: 2 } })).json();
    expect(amended).toMatchObject({ status: 'amended', version: 3, upcoming: 'Later' });
    expect(amended.markdown).toContain('week of 2026-09-28 (amended)');
    expect(await (await api('2026-09-28')).json()).toEqual(amended);
  });

  it('GET /api/v1/weekly-updates/:weekStart answers as DOMAIN.md says', async () => {
    const week = '2026-10-05';
    const missing = await api(week);
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ weekStart: week, status: 'missing', overdue: true, progress: '', blockers: '', upcoming: '', markdown: '', version: null });

    await save(week, 'em', { intent: 'submit', progress: 'Done', blockers: '', upcoming: 'More' });
    const submitted = await (await api(week, 'engineer')).json();
    expect(submitted).toMatchObject({ weekStart: week, status: 'submitted', overdue: false, progress: 'Done', blockers: '', upcoming: 'More' });
    expect(submitted.markdown).toBe(
      '# Strategic team weekly update: week of 2026-10-05\n\n## Progress\n\nDone\n\n## Blockers\n\n_Nothing this week._\n\n## Upcoming work\n\nMore\n',
    );
    expect((await (await api(THIS_WEEK)).json()).overdue).toBe(false);

    const notMonday = await api('2026-10-06');
    expect(notMonday.status).toBe(422);
    expect((await notMonday.json()).error.fields).toEqual({ weekStart: 'A week is named by its Monday (YYYY-MM-DD).' });
    expect((await app.server.request(`/api/v1/weekly-updates/${week}`)).status).toBe(401);
  });
});
