import { describe, expect, it } from 'vitest';
import { assessFramework, LEVELS, type FrameworkAnswers } from '~/domain/framework';
import type { Role } from '~/domain/roles';
import { countAtStage, listCandidates } from '~/models/customers.server';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer, createTestPartner } from '../factories/customers';

const app = setUpTestServer();
const { users, cookies, tokens } = setUpUserPerRole(app);

function post(path: string, role: Role, fields: Record<string, string>) {
  return app.server.request(path, { method: 'POST', cookie: cookies[role], body: new URLSearchParams(fields) });
}

const CANDIDATE_FORM = {
  name: 'Polaris Insurance', strategicSegment: 'yes', coMarket: 'medium', newIndustry: 'yes', relatedMarket: 'Insurance',
  visionAlignment: 'high', notes: 'Intro via the CTO',
};

async function stageOf(slug: string) {
  return (await app.database.db.selectFrom('customers').select(['stage', 'version']).where('slug', '=', slug).executeTakeFirstOrThrow());
}

describe('candidates', () => {
  it('an EM adds one through the form; everyone sees it with its score, fit and breakdown', async () => {
    const response = await post('/candidates/new', 'em', CANDIDATE_FORM);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/customers/polaris-insurance');
    const page = await (await app.server.request('/candidates', { cookie: cookies.viewer })).text();
    expect(page).toContain('Polaris Insurance');
    expect(page).toContain('4/5 · Strong fit');
    expect(page).toContain('co-market 1 + new industry 1 + vision 2');
  });

  it('shows a bad or missing answer beside its field and keeps what was typed', async () => {
    const response = await post('/candidates/new', 'exec', { ...CANDIDATE_FORM, name: 'Typed Name Co', coMarket: '', relatedMarket: '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Choose the willingness to co-market: low, medium or high.');
    expect(html).toContain('Name the related market of the new industry.');
    expect(html).toContain('value="Typed Name Co"');
    expect(html).toMatch(/aria-describedby="[^"]*coMarket-error/);
  });

  it('is refused to engineers and viewers', async () => {
    for (const role of ['engineer', 'viewer'] as const) {
      expect((await post('/candidates/new', role, { ...CANDIDATE_FORM, name: `By ${role}` })).status).toBe(403);
      expect((await app.server.request('/candidates/new', { cookie: cookies[role] })).status).toBe(403);
    }
  });

  it('sorts by name on request and by score by default', async () => {
    await createTestCustomer(app.database.db, { name: 'Aardvark Weak', answers: { strategicSegment: true, coMarket: 'low', newIndustry: false, relatedMarket: null, visionAlignment: 'low' } });
    const byScore = await (await app.server.request('/candidates', { cookie: cookies.viewer })).text();
    expect(byScore.indexOf('Polaris Insurance')).toBeLessThan(byScore.indexOf('Aardvark Weak'));
    const byName = await (await app.server.request('/candidates?sort=name', { cookie: cookies.viewer })).text();
    expect(byName.indexOf('Aardvark Weak')).toBeLessThan(byName.indexOf('Polaris Insurance'));
  });

  it('edits answers from the version seen; a second edit from the same version is a 409', async () => {
    const candidate = await createTestCustomer(app.database.db);
    const edit = (coMarket: string) =>
      post(`/customers/${candidate.slug}`, 'em', { ...CANDIDATE_FORM, name: candidate.name, intent: 'edit-answers', version: String(candidate.version), coMarket });
    expect((await edit('low')).status).toBe(302);
    const stale = await edit('medium');
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('changed by someone else');
    const evaluations = await app.database.db.selectFrom('framework_evaluations').select('co_market').where('customer_id', '=', candidate.id).orderBy('id').execute();
    expect(evaluations.map((row) => row.co_market)).toEqual(['high', 'low']);
    // The page shows the latest answers as the current ones, above their history.
    const page = (await (await app.server.request(`/customers/${candidate.slug}`, { cookie: cookies.viewer })).text()).replaceAll('<!-- -->', '');
    expect(page).toContain('co-market: low');
    expect(page).not.toContain('co-market: high');
  });
});

describe('decisions in the UI', () => {
  it('an exec rejects, then reconsiders; an EM may not decide', async () => {
    const candidate = await createTestCustomer(app.database.db);
    const decide = (role: Role, decision: string, version: number) =>
      post(`/customers/${candidate.slug}`, role, { intent: 'decide', decision, rationale: 'Reasons', version: String(version) });
    expect((await decide('em', 'reject', candidate.version)).status).toBe(403);
    expect((await decide('exec', 'reject', candidate.version)).status).toBe(302);
    const rejected = await stageOf(candidate.slug);
    expect(rejected.stage).toBe('rejected');
    const again = await decide('exec', 'approve', rejected.version);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('is rejected');
    expect((await decide('exec', 'reconsider', rejected.version)).status).toBe(302);
    expect((await stageOf(candidate.slug)).stage).toBe('candidate');
    const page = await (await app.server.request(`/customers/${candidate.slug}`, { cookie: cookies.viewer })).text();
    expect(page).toContain('reject (candidate → rejected)');
    expect(page).toContain('reconsider (rejected → candidate)');
  });

  it('a double submit of the same decision form records one decision', async () => {
    const candidate = await createTestCustomer(app.database.db);
    const form = { intent: 'decide', decision: 'defer', rationale: 'Next quarter', version: String(candidate.version) };
    const [first, second] = [await post(`/customers/${candidate.slug}`, 'exec', form), await post(`/customers/${candidate.slug}`, 'exec', form)];
    expect([first.status, second.status]).toEqual([302, 409]);
    const decisions = await app.database.db.selectFrom('decisions').select('id').where('customer_id', '=', candidate.id).execute();
    expect(decisions).toHaveLength(1);
  });

  it('keeps the gate reasons of a decision with partner names, and says when the candidate was not eligible', async () => {
    await app.database.db.updateTable('customers').set({ stage: 'ended' }).where('stage', '=', 'active').execute();
    await createTestPartner(app.database.db, { name: 'Halcyon Savings', acceptancePct: 27 });
    const candidate = await createTestCustomer(app.database.db, {
      answers: { strategicSegment: false, coMarket: 'high', newIndustry: false, relatedMarket: null, visionAlignment: 'low' },
    });
    const form = { intent: 'decide', decision: 'defer', rationale: 'Outside the segment for now', version: String(candidate.version) };
    expect((await post(`/customers/${candidate.slug}`, 'exec', form)).status).toBe(302);
    const page = await (await app.server.request(`/customers/${candidate.slug}`, { cookie: cookies.viewer })).text();
    expect(page).toContain('<li>Halcyon Savings: acceptance 27.0 % &lt; 30 %</li>');
    expect(page).toMatch(/<td class="number">2<span class="not-eligible"> \(not eligible\)<\/span><\/td>/);
  });

  it('shows the closed gate reasons on the candidates page, linking to the partner', async () => {
    await app.database.db.updateTable('customers').set({ stage: 'ended' }).where('stage', '=', 'active').execute();
    const partner = await createTestPartner(app.database.db, { name: 'Contoso Fabrics', acceptancePct: 27 });
    const page = await (await app.server.request('/candidates', { cookie: cookies.viewer })).text();
    expect(page).toContain('Intake gate: closed');
    expect(page).toContain(`href="/customers/${partner.slug}">Contoso Fabrics: acceptance 27.0 % &lt; 30 % (week of 2026-11-09)</a>`);
  });
});

describe('partners', () => {
  it('an EM assigns the lead engineer from the Partners page', async () => {
    const partner = await createTestPartner(app.database.db);
    const response = await post('/partners', 'em', { intent: 'assign-lead', slug: partner.slug, email: users.engineer.email, version: String(partner.version) });
    expect(response.status).toBe(302);
    const { lead_engineer_id } = await app.database.db.selectFrom('customers').select('lead_engineer_id').where('id', '=', partner.id).executeTakeFirstOrThrow();
    expect(lead_engineer_id).toBe(users.engineer.id);
    const byViewer = await post('/partners', 'viewer', { intent: 'assign-lead', slug: partner.slug, email: users.engineer.email, version: '2' });
    expect(byViewer.status).toBe(403);
  });

  it('hands a partner off with team, notes and date; a second hand-off is a 409 naming the stage', async () => {
    const partner = await createTestPartner(app.database.db);
    const form = { intent: 'hand-off', receivingTeam: 'Enterprise Success', exitNotes: 'Runbook shared', exitedOn: '2026-11-17', version: String(partner.version) };
    expect((await post(`/customers/${partner.slug}`, 'exec', form)).status).toBe(302);
    const exit = await app.database.db.selectFrom('handoffs').select(['outcome', 'receiving_team', 'exit_notes', 'exited_on', 'recorded_by']).where('customer_id', '=', partner.id).executeTakeFirstOrThrow();
    expect(exit).toEqual({ outcome: 'handed_off', receiving_team: 'Enterprise Success', exit_notes: 'Runbook shared', exited_on: '2026-11-17', recorded_by: users.exec.id });
    const { version } = await stageOf(partner.slug);
    const ending = await post(`/customers/${partner.slug}`, 'em', { intent: 'end', exitNotes: 'Done', exitedOn: '2026-11-18', version: String(version), confirmEnd: 'on' });
    expect(ending.status).toBe(409);
    expect(await ending.text()).toContain('is handed off');
  });

  it('ends a partnership only when the person ending it confirms that it cannot be undone', async () => {
    const partner = await createTestPartner(app.database.db);
    const form = { intent: 'end', exitNotes: 'Budget frozen', exitedOn: '2026-11-18', version: String(partner.version) };
    const unconfirmed = await post(`/customers/${partner.slug}`, 'exec', form);
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toMatch(/class="field-error">Tick the box to confirm: an ended partnership cannot be reopened\./);
    expect((await stageOf(partner.slug)).stage).toBe('active');
    expect((await post(`/customers/${partner.slug}`, 'exec', { ...form, confirmEnd: 'on' })).status).toBe(302);
    expect((await stageOf(partner.slug)).stage).toBe('ended');
  });

  it('lists handed-off and ended partners on /partners, each name a link to its page', async () => {
    const [handedOff, ended] = [await createTestCustomer(app.database.db, { stage: 'handed_off' }), await createTestCustomer(app.database.db, { stage: 'ended' })];
    const page = await (await app.server.request('/partners', { cookie: cookies.viewer })).text();
    for (const customer of [handedOff, ended]) {
      expect(page).toContain(`<th scope="row"><a data-discover="true" href="/customers/${customer.slug}">${customer.name}</a></th>`);
    }
  });

  it('needs the receiving team to hand off, and refuses engineers', async () => {
    const partner = await createTestPartner(app.database.db);
    const missing = await post(`/customers/${partner.slug}`, 'em', { intent: 'hand-off', receivingTeam: '', exitNotes: 'n', exitedOn: '2026-11-17', version: '1' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Name the receiving team.');
    expect((await post(`/customers/${partner.slug}`, 'engineer', { intent: 'end', exitNotes: 'n', exitedOn: '2026-11-17', version: '1' })).status).toBe(403);
  });
});

describe('settings', () => {
  const thresholds = (overrides: Record<string, string> = {}) => ({
    intent: 'change-settings', acceptancePct: '32.5', dauPct: '50', iarrUsd: '250000', capacity: '4', staleWindowDays: '14', version: '0', ...overrides,
  });

  it('an exec changes thresholds; each change is kept with its author and listed', async () => {
    expect((await post('/settings', 'exec', thresholds())).status).toBe(302);
    const changes = await app.database.db.selectFrom('setting_changes').select(['key', 'value', 'changed_by']).orderBy('key').execute();
    expect(changes.map((change) => [change.key, Number(change.value), change.changed_by])).toEqual([
      ['acceptance_pct', 32.5, users.exec.id], ['capacity', 4, users.exec.id],
    ]);
    const page = await (await app.server.request('/settings', { cookie: cookies.viewer })).text();
    expect(page).toContain('Completions accepted (%)');
    expect(page).toContain('32.5');
    const gate = await (await app.server.request('/api/v1/intake-gate', { cookie: cookies.viewer })).json();
    expect(gate.thresholds.acceptancePct).toBe(32.5);
    expect(gate.capacity).toBe(4);
  });

  it('refuses out-of-range values beside the field, a stale form (409), and anyone but an exec (403)', async () => {
    const invalid = await post('/settings', 'exec', thresholds({ capacity: '0', staleWindowDays: '6', acceptancePct: '30.123' }));
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    expect(html).toContain('Use from 1 to 50.');
    expect(html).toContain('Use from 7 to 90.');
    expect(html).toContain('Use at most two decimals.');
    expect((await post('/settings', 'exec', thresholds({ capacity: '5' }))).status).toBe(409);
    expect((await post('/settings', 'em', thresholds())).status).toBe(403);
  });

  it('an exec sets the team time zone: validated, stored by its canonical name with its history, and used for today', async () => {
    const version = async () => String((await app.database.db.selectFrom('setting_changes').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
    for (const bad of ['Mars/Olympus', '+02:00', 'Europe/Berlin; drop table']) {
      const refused = await post('/settings', 'exec', { intent: 'change-time-zone', teamTimeZone: bad, version: await version() });
      expect(refused.status, bad).toBe(422);
      expect(await refused.text()).toMatch(/class="field-error">Give an IANA time zone such as Europe\/Berlin/);
    }
    expect((await post('/settings', 'em', { intent: 'change-time-zone', teamTimeZone: 'Europe/Berlin', version: await version() })).status).toBe(403);
    expect((await post('/settings', 'exec', { intent: 'change-time-zone', teamTimeZone: 'pacific/kiritimati', version: await version() })).status).toBe(302);
    const stored = await app.database.db.selectFrom('setting_changes').select(['text_value', 'value', 'changed_by']).where('key', '=', 'team_time_zone').execute();
    expect(stored).toEqual([{ text_value: 'Pacific/Kiritimati', value: null, changed_by: users.exec.id }]);
    const settings = await (await app.server.request('/settings', { cookie: cookies.viewer })).text();
    expect(settings).toContain('<strong>Pacific/Kiritimati</strong>');
    expect(settings).toContain('<td>Team time zone</td><td class="number">Pacific/Kiritimati</td>');
    const updates = await (await app.server.request('/updates', { cookie: cookies.viewer })).text();
    expect(updates).toContain('Friday 23:59 (Pacific/Kiritimati)');
    // Sunday 12:00 UTC is already Monday on Kiritimati (UTC+14): the week of 2026-11-23 has begun there.
    const sunday = Date.parse('2026-11-22T12:00:00Z') - app.server.clock.now.getTime();
    app.server.clock.advance(sunday);
    try {
      const week = await app.server.request('/api/v1/weekly-updates/2026-11-23', { headers: { Authorization: `Bearer ${tokens.viewer}` } });
      expect(week.status).toBe(200);
    } finally {
      app.server.clock.advance(-sunday);
    }
    const audit = await app.database.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'settings.changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toEqual({ before: { teamTimeZone: 'UTC' }, after: { teamTimeZone: 'Pacific/Kiritimati' } });
    expect((await post('/settings', 'exec', { intent: 'change-time-zone', teamTimeZone: 'UTC', version: '0' })).status).toBe(409);
  });
});

describe('the audit log', () => {
  it('holds every write of this file with its actor, and the before and after of each change', async () => {
    const entries = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'before', 'after'])
      .where('action', 'in', [
        'candidate.created', 'candidate.answers_edited', 'decision.reject', 'decision.reconsider', 'decision.defer',
        'customer.lead_assigned', 'partnership.handed_off', 'settings.changed',
      ])
      .execute();
    const actions = new Set(entries.map((entry) => entry.action));
    expect([...actions].sort()).toEqual([
      'candidate.answers_edited', 'candidate.created', 'customer.lead_assigned', 'decision.defer', 'decision.reconsider',
      'decision.reject', 'partnership.handed_off', 'settings.changed',
    ]);
    for (const entry of entries) {
      expect(entry.actor_id).not.toBeNull();
      expect(entry.after).not.toBeNull();
      if (entry.action !== 'candidate.created') expect(entry.before).not.toBeNull();
    }
    const refusals = await app.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'access.denied').execute();
    expect(refusals.length).toBeGreaterThan(0);
  });
});

describe('many candidates', () => {
  const combinations = [true, false].flatMap((strategicSegment) => [true, false].flatMap((newIndustry) => LEVELS.flatMap((coMarket) => LEVELS.map((visionAlignment) => ({
    strategicSegment, newIndustry, coMarket, visionAlignment, relatedMarket: newIndustry ? 'Shipping' : null,
  })))));

  it('are sorted in the database as the framework scores them, by their current answers, those without answers last', async () => {
    const db = app.database.db;
    for (const [index, answers] of combinations.entries()) await createTestCustomer(db, { name: `Combo ${String(index).padStart(2, '0')}`, answers });
    // A later evaluation is the current one: Combo 00 (the best) is re-answered as the weakest.
    const first = await db.selectFrom('customers').select('id').where('name', '=', 'Combo 00').executeTakeFirstOrThrow();
    await db.insertInto('framework_evaluations').values({ customer_id: first.id, strategic_segment: false, co_market: 'low', new_industry: false, vision_alignment: 'low' }).execute();
    await db.insertInto('customers').values({ name: 'Combo unanswered', slug: 'combo-unanswered', stage: 'candidate', updated_at: new Date() }).execute();

    const combos = (rows: { name: string; answers: FrameworkAnswers | null }[]) => rows.filter((row) => row.name.startsWith('Combo'));
    const score = (answers: FrameworkAnswers | null) => (answers ? assessFramework(answers).score : -1);
    const byScore = combos((await listCandidates(db, { stage: 'candidate', sort: 'score', limit: 500 })).rows);
    expect(byScore).toHaveLength(combinations.length + 1);
    expect(byScore.map((row) => score(row.answers))).toEqual(byScore.map((row) => score(row.answers)).sort((a, b) => b - a));
    expect(byScore.at(-1)!.name).toBe('Combo unanswered');
    expect(byScore.find((row) => row.name === 'Combo 00')!.answers).toMatchObject({ strategicSegment: false, coMarket: 'low' });
    // Eligible first, and by score within each.
    const byEligibility = combos((await listCandidates(db, { stage: 'candidate', sort: 'eligibility', limit: 500 })).rows);
    const key = (answers: FrameworkAnswers | null) => (answers ? Number(answers.strategicSegment) * 10 + score(answers) : -1);
    expect(byEligibility.map((row) => key(row.answers))).toEqual(byEligibility.map((row) => key(row.answers)).sort((a, b) => b - a));
  });

  it('show a page of 50 with how many there are, and more on request', async () => {
    for (let index = 0; index < 20; index += 1) await createTestCustomer(app.database.db, { name: `Extra candidate ${index}` });
    const { total } = await listCandidates(app.database.db, { stage: 'candidate', sort: 'score', limit: 1 });
    expect(total).toBeGreaterThan(50);
    const firstPage = await (await app.server.request('/candidates', { cookie: cookies.viewer })).text();
    expect(firstPage).toContain(`the first 50 of ${total}`);
    expect(firstPage.match(/<tr><th scope="row">/g)).toHaveLength(50);
    expect(firstPage).toContain('href="/candidates?sort=score&amp;shown=200&amp;rejectedShown=50"');
    const more = await (await app.server.request('/candidates?shown=200', { cookie: cookies.viewer })).text();
    expect(more).not.toContain('the first');
    expect(more).toContain('Combo unanswered');
    expect(firstPage).not.toContain('Combo unanswered');
  });
});

describe('many ended partnerships', () => {
  it('/partners shows the first 50 by name with how many there are, and more on request', async () => {
    for (let index = 0; index < 55; index += 1) await createTestCustomer(app.database.db, { stage: 'ended', name: `Ended ${String(index).padStart(2, '0')}` });
    const total = await countAtStage(app.database.db, 'ended');
    const first = await (await app.server.request('/partners', { cookie: cookies.viewer })).text();
    expect(first).toContain(`Partnerships ended: the first 50 of ${total}, by name`);
    expect(first).toContain('href="/partners?endedShown=200"');
    const endedIn = (html: string) => new Set(html.match(/>Ended \d\d</g)).size;
    expect(endedIn(first)).toBeLessThan(55);
    const more = await (await app.server.request('/partners?endedShown=200', { cookie: cookies.viewer })).text();
    expect(endedIn(more)).toBe(55);
    expect(more).toContain('Partnerships ended<');
  });
});
