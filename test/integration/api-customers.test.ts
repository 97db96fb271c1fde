import { describe, expect, it } from 'vitest';
import type { Role } from '~/domain/roles';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';
import { createTestCustomer, createTestPartner } from '../factories/customers';

const app = setUpTestServer();
const { users, tokens } = setUpUserPerRole(app);

function api(path: string, role: Role, body?: unknown) {
  return app.server.request(`/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function clearActivePartners() {
  await app.database.db.updateTable('customers').set({ stage: 'ended' }).where('stage', '=', 'active').execute();
}

const CANDIDATE = {
  name: 'Orbital Freight', strategicSegment: true, coMarket: 'high', newIndustry: true, relatedMarket: 'Freight', visionAlignment: 'medium',
};

describe('POST /api/v1/customers', () => {
  it('adds a candidate with its answers (201), audited with the actor', async () => {
    const response = await api('/customers', 'em', { ...CANDIDATE, notes: 'Met at the summit' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ customer: { slug: 'orbital-freight', name: 'Orbital Freight', stage: 'candidate' } });
    const audit = await app.database.db.selectFrom('audit_log').select(['actor_id', 'after']).where('action', '=', 'candidate.created').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(users.em.id);
    expect(audit.after).toMatchObject({ name: 'Orbital Freight', answers: { coMarket: 'high' } });
  });

  it('names each invalid field (422): missing name, wrong enum, missing related market', async () => {
    const response = await api('/customers', 'exec', { ...CANDIDATE, name: undefined, coMarket: 'huge', relatedMarket: undefined });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe('invalid');
    expect(Object.keys(body.error.fields).sort()).toEqual(['coMarket', 'name', 'relatedMarket']);
    const noMarket = await api('/customers', 'exec', { ...CANDIDATE, name: 'Other Co', relatedMarket: undefined });
    expect((await noMarket.json()).error.fields).toEqual({ relatedMarket: 'Name the related market of the new industry.' });
  });

  it('refuses malformed JSON (400), a taken name (422), a viewer (403), no token (401)', async () => {
    expect((await api('/customers', 'exec', '{"name": ')).status).toBe(400);
    const twice = await api('/customers', 'exec', { ...CANDIDATE, name: 'ORBITAL FREIGHT', slug: 'orbital-2' });
    expect(twice.status).toBe(422);
    expect((await twice.json()).error.fields.name).toMatch(/already exists/);
    const viewer = await api('/customers', 'viewer', CANDIDATE);
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error.code).toBe('forbidden');
    const anonymous = await app.server.request('/api/v1/customers', { method: 'POST', body: JSON.stringify(CANDIDATE) });
    expect(anonymous.status).toBe(401);
  });

  it('checks permission before validation: a viewer with a bad body still gets 403', async () => {
    expect((await api('/customers', 'viewer', '{oops')).status).toBe(403);
  });
});

describe('POST /api/v1/customers/:slug/decisions', () => {
  it('approves when the gate is open (201) and keeps answers, score and gate state', async () => {
    await clearActivePartners();
    const candidate = await createTestCustomer(app.database.db);
    const response = await api(`/customers/${candidate.slug}/decisions`, 'exec', { decision: 'approve', rationale: 'Strong fit' });
    expect(response.status).toBe(201);
    const { decision } = await response.json();
    expect(decision).toMatchObject({ customer: candidate.slug, decision: 'approve', stageBefore: 'candidate', stageAfter: 'active', gateOpen: true, gateReasons: [] });
    const stored = await app.database.db.selectFrom('decisions').select(['score', 'framework', 'decided_by']).where('id', '=', decision.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ score: 5, decided_by: users.exec.id, framework: { answers: { coMarket: 'high' }, assessment: { fit: 'strong' } } });
    const { stage } = await app.database.db.selectFrom('customers').select('stage').where('id', '=', candidate.id).executeTakeFirstOrThrow();
    expect(stage).toBe('active');
  });

  it('refuses approval while the gate is closed (409 intake_gate_closed with the reasons), unless overridden', async () => {
    await clearActivePartners();
    const atRisk = await createTestPartner(app.database.db, { acceptancePct: 27 });
    const candidate = await createTestCustomer(app.database.db);
    const refused = await api(`/customers/${candidate.slug}/decisions`, 'exec', { decision: 'approve', rationale: 'Strong fit' });
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error.code).toBe('intake_gate_closed');
    expect(error.reasons).toEqual([{ kind: 'below_threshold', customer: atRisk.slug, metric: 'acceptance', value: 27, threshold: 30 }]);

    const short = await api(`/customers/${candidate.slug}/decisions`, 'exec', { decision: 'approve', rationale: 'Fit', overrideJustification: 'too short' });
    expect(short.status).toBe(422);
    expect(Object.keys((await short.json()).error.fields)).toEqual(['overrideJustification']);

    const justification = 'Board-level sponsor; the at-risk partner is recovering.';
    const overridden = await api(`/customers/${candidate.slug}/decisions`, 'exec', { decision: 'approve', rationale: 'Fit', overrideJustification: justification });
    expect(overridden.status).toBe(201);
    expect((await overridden.json()).decision).toMatchObject({ gateOpen: false, overrideJustification: justification, gateReasons: [{ customer: atRisk.slug }] });
  });

  it('checks the stage before the gate: approving a rejected customer is a 409 naming its stage', async () => {
    const rejected = await createTestCustomer(app.database.db, { stage: 'rejected' });
    const response = await api(`/customers/${rejected.slug}/decisions`, 'exec', {
      decision: 'approve', rationale: 'Changed our mind', overrideJustification: 'An override long enough to count.',
    });
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error.code).toBe('stage_conflict');
    expect(error.message).toContain('is rejected');
    const reconsidered = await api(`/customers/${rejected.slug}/decisions`, 'exec', { decision: 'reconsider', rationale: 'New sponsor' });
    expect(reconsidered.status).toBe(201);
    expect((await reconsidered.json()).decision.stageAfter).toBe('candidate');
  });

  it('answers 404 for an unknown slug, 403 for an EM, 422 without a rationale', async () => {
    expect((await api('/customers/nobody/decisions', 'exec', { decision: 'reject', rationale: 'x' })).status).toBe(404);
    const candidate = await createTestCustomer(app.database.db);
    const byEm = await api(`/customers/${candidate.slug}/decisions`, 'em', { decision: 'reject', rationale: 'x' });
    expect(byEm.status).toBe(403);
    const noRationale = await api(`/customers/${candidate.slug}/decisions`, 'exec', { decision: 'reject', rationale: '  ' });
    expect(noRationale.status).toBe(422);
    expect((await noRationale.json()).error.fields).toEqual({ rationale: 'Give the rationale for this decision.' });
    const wrongDecision = await api(`/customers/${candidate.slug}/decisions`, 'exec', { decision: 'maybe', rationale: 'x' });
    expect(Object.keys((await wrongDecision.json()).error.fields)).toEqual(['decision']);
  });
});

describe('GET /api/v1/intake-gate', () => {
  it('gives the gate, the thresholds, each reason and the forecast', async () => {
    await clearActivePartners();
    const stale = await createTestPartner(app.database.db, { weekStart: '2026-10-19' });
    const poor = await createTestPartner(app.database.db, { dauPct: 49, iarrUsd: 100 });
    const response = await api('/intake-gate', 'viewer');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      open: false,
      activePartners: 2,
      capacity: 3,
      thresholds: { acceptancePct: 30, dauPct: 50, iarrUsd: 250_000, staleWindowDays: 14 },
      reasons: [
        { kind: 'stale', customer: stale.slug, lastWeek: '2026-10-19' },
        { kind: 'below_threshold', customer: poor.slug, metric: 'dau', value: 49, threshold: 50 },
        { kind: 'below_threshold', customer: poor.slug, metric: 'iarr', value: 100, threshold: 250_000 },
      ],
      // One snapshot is no trend; the stale partner and iARR are not projected.
      forecast: { opensWeek: null, partners: [{ customer: poor.slug, metric: 'dau', projectedWeek: null }] },
    });
  });
});

describe('POST /api/v1/customers/:slug/lead', () => {
  it('lets an EM assign an engineer (200, audited), refuses a viewer as lead (422) and engineers (403)', async () => {
    const partner = await createTestPartner(app.database.db);
    const response = await api(`/customers/${partner.slug}/lead`, 'em', { email: users.engineer.email });
    expect(response.status).toBe(200);
    expect((await response.json()).leadEngineer.email).toBe(users.engineer.email);
    const audit = await app.database.db.selectFrom('audit_log').select(['actor_id', 'before', 'after']).where('action', '=', 'customer.lead_assigned').executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_id: users.em.id, before: { leadEngineer: null }, after: { leadEngineer: users.engineer.email } });
    const viewerLead = await api(`/customers/${partner.slug}/lead`, 'exec', { email: users.viewer.email });
    expect(viewerLead.status).toBe(422);
    expect(Object.keys((await viewerLead.json()).error.fields)).toEqual(['email']);
    expect((await api(`/customers/${partner.slug}/lead`, 'engineer', { email: users.engineer.email })).status).toBe(403);
    expect((await api('/customers/nobody/lead', 'em', { email: users.engineer.email })).status).toBe(404);
  });
});
