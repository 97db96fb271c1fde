import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../scripts/demo-data';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { cookies } = setUpUserPerRole(app);

// The test server's clock: Wednesday 2026-11-18. The latest update due is the week of 2026-11-09's.
beforeAll(async () => {
  await seedDemoData(app.database.db, '2026-11-18');
});

async function dashboard() {
  const response = await app.server.request('/', { cookie: cookies.viewer });
  expect(response.status).toBe(200);
  return response.text();
}

describe('the dashboard', () => {
  it('shows the gate, the stale partner as an alert, the pipeline, the north star and each lead’s load', async () => {
    const html = await dashboard();
    expect(html).toContain('Intake gate: closed');
    expect(html).toContain('Needs attention');
    expect(html).toContain('>Meridian Health Systems: no fresh metrics since 2026-10-26</a>');
    // The demo's missing week and its draft never submitted.
    expect(html).toContain('>2 weekly updates are overdue</a>: the weeks of ');
    expect(html).toContain('>4 candidates</a>: 1 strong, 2 possible, 0 weak fit; 1 not eligible.');
    expect(html).toMatch(/<th scope="row">Lee Lead<\/th><td class="number">2<\/td><td class="number">1<\/td>/);
    // Meridian is due but has not reported since October: the latest week is partial, and its move is taken over
    // the two partners that reported both weeks.
    const dau = async (week: string) => {
      const rows = await app.database.db.selectFrom('metric_snapshots').innerJoin('customers', 'customers.id', 'customer_id')
        .select('dau').where('week_start', '=', week).where('slug', 'in', ['northwind-logistics', 'halcyon-bank']).execute();
      return rows.reduce((sum, row) => sum + row.dau, 0);
    };
    const [latest, previous] = [await dau('2026-11-09'), await dau('2026-11-02')];
    const move = `${latest > previous ? 'Up' : 'Down'} ${Math.abs(latest - previous).toLocaleString('en-US')}`;
    expect(html).toContain(
      `${latest.toLocaleString('en-US')} DAU in the week of 2026-11-09 (partial: 2 of 3 partners reported). ${move} from the week before for the 2 partners that reported both weeks.`,
    );
    expect(html).toContain(`<th scope="row">2026-11-09</th><td class="number">${latest}</td><td class="number">2 of 3 (partial)</td>`);
    // Northwind's iARR bookings are all older than a week: no change.
    expect(html).toContain('$270,000<span class="week-change week-change-unchanged" role="img" aria-label="unchanged from the week before"');
  });

  it('counts every overdue week, as /updates lists them, and links each', async () => {
    await app.database.db.deleteFrom('weekly_updates').where('week_start', '=', '2026-11-09').execute();
    const html = await dashboard();
    expect(html).toContain('>3 weekly updates are overdue</a>: the weeks of ');
    for (const week of ['2026-11-09', '2026-10-19', '2026-10-12']) expect(html).toContain(`href="/updates/${week}">${week}</a>`);
    const updates = await (await app.server.request('/updates', { cookie: cookies.viewer })).text();
    expect(updates.match(/, overdue</g)).toHaveLength(3);
  });
});
