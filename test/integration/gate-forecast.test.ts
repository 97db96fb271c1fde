import { beforeAll, expect, it } from 'vitest';
import { addDays } from '~/domain/dates';
import { createTestCustomer } from '../factories/customers';
import { createTestUser } from '../factories/users';
import { callApi, setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { tokens, cookies } = setUpUserPerRole(app);

// The test server's clock: 2026-11-18; the latest week is 2026-11-16.
const LATEST = '2026-11-16';
// Eight and more weeks of counts per partner, oldest first: [shown, accepted, dau, developers].
const SERIES: Record<string, [number, number, number, number][]> = {
  'Rising Acceptance': [[900, 150, 80, 100], [1000, 190, 80, 100], [800, 170, 81, 100], [0, 0, 80, 100], [1200, 300, 82, 100], [1100, 290, 80, 100], [950, 270, 81, 100]],
  'Rising Dau': [[500, 250, 30, 120], [400, 200, 33, 120], [450, 225, 35, 120], [500, 250, 41, 120], [480, 240, 44, 120], [300, 150, 50, 120], [600, 300, 51, 120], [700, 350, 55, 120], [650, 325, 57, 120], [800, 400, 52, 120]],
};

/** The same fit in floating point, written apart from the app's: the week each failing metric reaches its threshold. */
function independentWeek(points: { x: number; y: number }[], latestX: number, threshold: number): string | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const b = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (b <= 0) return null;
  const a = my - b * mx;
  const weeks = Math.max(1, Math.ceil((threshold - a) / b - latestX));
  return weeks * 7 > 364 ? null : addDays(LATEST, weeks * 7);
}

beforeAll(async () => {
  const { db } = app.database;
  const recorder = await createTestUser(db, 'em');
  for (const [name, series] of Object.entries(SERIES)) {
    const customer = await createTestCustomer(db, { stage: 'active', name });
    await db.insertInto('iarr_entries').values({ customer_id: customer.id, booked_on: '2026-10-01', amount_usd: 300_000, kind: 'expansion', recorded_by: recorder.id }).execute();
    await db.insertInto('metric_snapshots').values(series.map(([shown, accepted, dau, developers], index) => ({
      customer_id: customer.id, week_start: addDays(LATEST, -7 * (series.length - 1 - index)), completions_shown: shown,
      completions_accepted: accepted, dau, available_developers: developers, recorded_by: recorder.id,
    }))).execute();
  }
});

it('GET /api/v1/intake-gate gives the forecast an independent fit gives', async () => {
  const gate = await (await callApi(app.server, tokens.viewer, '/api/v1/intake-gate')).json();
  expect(gate.open).toBe(false);
  // The 8 weeks up to the latest, x counted in weeks from the first of them.
  const window = (series: [number, number, number, number][]) => series.slice(-8).map((row, x) => ({ row, x }));
  const acceptancePoints = window(SERIES['Rising Acceptance']!).filter(({ row }) => row[0] > 0).map(({ row, x }) => ({ x, y: (row[1] / row[0]) * 100 }));
  const firstX = acceptancePoints[0]!.x;
  const acceptanceWeek = independentWeek(acceptancePoints.map((p) => ({ x: p.x - firstX, y: p.y })), acceptancePoints.at(-1)!.x - firstX, 30);
  const dauPoints = window(SERIES['Rising Dau']!).map(({ row, x }) => ({ x, y: (row[2] / row[3]) * 100 }));
  const dauWeek = independentWeek(dauPoints, 7, 50);
  expect(acceptanceWeek).not.toBeNull();
  expect(dauWeek).not.toBeNull();
  expect(gate.forecast).toEqual({
    opensWeek: [acceptanceWeek!, dauWeek!].sort().at(-1),
    partners: [
      { customer: 'rising-acceptance', metric: 'acceptance', projectedWeek: acceptanceWeek },
      { customer: 'rising-dau', metric: 'dau', projectedWeek: dauWeek },
    ],
  });
  expect(gate.reasons.map((reason: { customer: string; metric: string }) => `${reason.customer} ${reason.metric}`)).toEqual(['rising-acceptance acceptance', 'rising-dau dau']);
});

it('says the forecast in words on the dashboard and the candidates page', async () => {
  const { forecast } = await (await callApi(app.server, tokens.viewer, '/api/v1/intake-gate')).json();
  for (const path of ['/', '/candidates']) {
    const html = await (await app.server.request(path, { cookie: cookies.viewer })).text();
    expect(html).toContain(`<p class="gate-forecast">At current trends the gate opens in the week of ${forecast.opensWeek}.</p>`);
  }
});

it("continues each failing metric on the partner's trend chart to its projected week, and no other", async () => {
  const { forecast } = await (await callApi(app.server, tokens.viewer, '/api/v1/intake-gate')).json();
  for (const { customer, metric, projectedWeek } of forecast.partners) {
    const html = await (await app.server.request(`/customers/${customer}`, { cookie: cookies.viewer })).text();
    const projections = [...html.matchAll(/<p class="notice projection">([^<]*)<\/p>/g)].map((match) => match[1]);
    expect(projections).toHaveLength(1);
    expect(projections[0]).toContain(metric === 'dau' ? 'DAU %' : 'Accepted %');
    expect(projections[0]).toContain(`in the week of ${projectedWeek}.`);
  }
});
