import { describe, expect, it } from 'vitest';
import { audienceOf, decisionEvent, gateChangeEvent, headlineOf, kindsReceivedBy, statusChangeEvents } from '~/domain/events';
import type { IntakeGate } from '~/domain/intake-gate';
import { latestDueWeek } from '~/domain/weekly-update';

const open: IntakeGate = { open: true, activePartners: 1, capacity: 3, reasons: [] };
const closed: IntakeGate = { ...open, open: false, reasons: [{ kind: 'capacity', active: 3, capacity: 3 }] };

describe('who gets what', () => {
  it.each([
    ['exec', ['gate.opened', 'gate.closed', 'partner.status_changed', 'decision.recorded']],
    ['em', ['gate.opened', 'gate.closed', 'partner.status_changed', 'metrics.stale', 'weekly_update.overdue', 'weekly_update.submitted', 'decision.recorded', 'blocker.opened']],
    ['engineer', ['gate.opened', 'gate.closed', 'partner.status_changed', 'metrics.stale', 'decision.recorded', 'blocker.opened']],
    ['viewer', ['gate.opened', 'gate.closed']],
  ] as const)('%s can get %o', (role, kinds) => {
    expect(kindsReceivedBy(role)).toEqual(kinds);
  });

  it('gives engineers only the events about customers they lead', () => {
    expect(audienceOf('blocker.opened')).toEqual({ roles: ['em'], leads: true });
    expect(audienceOf('gate.closed').leads).toBe(false);
  });
});

describe('gateChangeEvent', () => {
  it('raises nothing when the gate keeps its state, and the change with its reasons otherwise', () => {
    expect(gateChangeEvent(open, open, {})).toBeNull();
    expect(gateChangeEvent(closed, { ...closed, reasons: [] }, {})).toBeNull();
    expect(gateChangeEvent(closed, open, {})).toMatchObject({ kind: 'gate.opened', data: { open: true, reasons: [] } });
    expect(gateChangeEvent(open, closed, {})).toMatchObject({
      kind: 'gate.closed', data: { open: false, reasons: closed.reasons }, text: 'The intake gate closed: capacity: 3 of 3 active.',
    });
  });
});

describe('statusChangeEvents', () => {
  it('raises one per partner watched before and after whose status differs', () => {
    const before = new Map([['acme', 'succeeding'], ['zenith', 'at_risk']] as const);
    const after = [
      { id: 1, slug: 'acme', name: 'Acme', status: 'at_risk' as const },
      { id: 2, slug: 'zenith', name: 'Zenith', status: 'at_risk' as const },
      { id: 3, slug: 'new', name: 'New', status: 'no_data' as const },
    ];
    expect(statusChangeEvents(new Map(before), after)).toEqual([{
      kind: 'partner.status_changed', data: { customer: 'acme', from: 'succeeding', to: 'at_risk' },
      text: 'Acme is now at risk (was succeeding).', link: '/customers/acme', customerId: 1,
    }]);
  });
});

describe('texts', () => {
  it('names who decided, and an override', () => {
    const customer = { id: 1, slug: 'acme', name: 'Acme' };
    expect(decisionEvent(customer, { id: 9, decision: 'approve', override: 'The board asked for it now.', decidedBy: 'Ada' })).toMatchObject({
      text: 'Ada approved Acme over the closed intake gate.', dedupeKey: 'decision.recorded:9',
      data: { customer: 'acme', decision: 'approve', override: 'The board asked for it now.' },
    });
  });

  it('heads a notification with its first line, Markdown heading marks left out', () => {
    expect(headlineOf('# Strategic team weekly update: week of 2026-11-16\n\n## Progress')).toBe('Strategic team weekly update: week of 2026-11-16');
    expect(headlineOf('x'.repeat(400))).toHaveLength(280);
  });
});

describe('latestDueWeek', () => {
  it.each([
    ['2026-11-20', '2026-11-09'], // Friday: this week's update is due tonight
    ['2026-11-21', '2026-11-16'], // Saturday
    ['2026-11-22', '2026-11-16'], // Sunday
    ['2026-11-23', '2026-11-16'], // Monday
  ])('on %s is the week of %s', (today, week) => {
    expect(latestDueWeek(today)).toBe(week);
  });
});
