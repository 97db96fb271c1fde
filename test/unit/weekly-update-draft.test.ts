import { describe, expect, it } from 'vitest';
import { composeWeeklyDraft } from '~/components/weekly-update/draft';

describe('the weekly update’s first draft', () => {
  it('is filled from a known week of log entries, blockers, metric moves and the gate', () => {
    const draft = composeWeeklyDraft({
      entries: [
        { customer: 'Northwind', kind: 'progress', occurredOn: '2026-11-16', body: 'Rolled out to hub two.', routedTo: null, theme: null, resolvedOn: null },
        { customer: 'Halcyon', kind: 'blocker', occurredOn: '2026-11-17', body: 'Proxy strips\nstreaming.', routedTo: null, theme: null, resolvedOn: null },
        { customer: 'Northwind', kind: 'win', occurredOn: '2026-11-18', body: 'CTO praised Cody.', routedTo: null, theme: null, resolvedOn: null },
        { customer: 'Halcyon', kind: 'feedback', occurredOn: '2026-11-18', body: 'Needs sibling repos.', routedTo: null, theme: 'Multi-repo context', resolvedOn: null },
        { customer: 'Halcyon', kind: 'request', occurredOn: '2026-11-19', body: 'SSO sync.', routedTo: 'escalation', theme: null, resolvedOn: '2026-11-20' },
      ],
      openBlockers: [
        { customer: 'Halcyon', occurredOn: '2026-11-10', body: 'Old blocker.' },
        { customer: 'Halcyon', occurredOn: '2026-11-17', body: 'Proxy strips\nstreaming.' },
      ],
      partners: [
        { customer: 'Northwind', week: { acceptancePct: 32, dauPct: 55.5 }, weekBefore: { acceptancePct: 31, dauPct: 57.5 } },
        { customer: 'Halcyon', week: { acceptancePct: null, dauPct: 40 }, weekBefore: null },
        { customer: 'Meridian', week: null, weekBefore: { acceptancePct: 20, dauPct: 20 } },
      ],
      gate: { open: false, reasons: ['Halcyon: no completions shown in the week of 2026-11-16', 'capacity: 3 of 3 active'] },
      objectivesDone: [{ customer: 'Northwind', title: 'IDE images', doneOn: '2026-11-17' }],
      objectivesDue: [{ customer: 'Halcyon', title: 'Streaming through the proxy', dueOn: '2026-11-27' }],
    });
    expect(draft.progress).toBe(
      [
        '### Northwind', '',
        '- **Progress** (2026-11-16): Rolled out to hub two.',
        '- **Win** (2026-11-18): CTO praised Cody.', '',
        '### Halcyon', '',
        '- **Blocker** (2026-11-17): Proxy strips\n  streaming.',
        '- **Feedback** (2026-11-18; theme: Multi-repo context): Needs sibling repos.',
        '- **Request** (2026-11-19; routed to escalation engineering; resolved 2026-11-20): SSO sync.', '',
        '### Success metrics against the week before', '',
        '- **Northwind**: acceptance 32.0 % (up 1.0 points), DAU 55.5 % (down 2.0 points)',
        '- **Halcyon**: acceptance —, DAU 40.0 %', '',
        '### Success plans: objectives done', '',
        '- **Northwind**: IDE images (2026-11-17)', '',
        '### Intake gate', '',
        'Closed:',
        '- Halcyon: no completions shown in the week of 2026-11-16',
        '- capacity: 3 of 3 active',
      ].join('\n'),
    );
    expect(draft.blockers).toBe('- **Halcyon**: Old blocker. (open since 2026-11-10); Proxy strips\n  streaming. (open since 2026-11-17)');
    expect(draft.upcoming).toBe('- **Halcyon**: Streaming through the proxy (due 2026-11-27)\n- **Northwind**: \n- **Halcyon**: \n- **Meridian**: ');
  });

  it('says the gate is open, and leaves out what the week lacks', () => {
    const draft = composeWeeklyDraft({ entries: [], openBlockers: [], partners: [], gate: { open: true, reasons: [] }, objectivesDone: [], objectivesDue: [] });
    expect(draft).toEqual({ progress: '### Intake gate\n\nOpen: the team can take on a new partner.', blockers: '', upcoming: '' });
  });
});
