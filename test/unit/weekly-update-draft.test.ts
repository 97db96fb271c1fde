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
      entryCount: 5,
      openBlockers: [
        { customer: 'Halcyon', occurredOn: '2026-11-10', body: 'Old blocker.' },
        { customer: 'Halcyon', occurredOn: '2026-11-17', body: 'Proxy strips\nstreaming.' },
      ],
      openBlockerCount: 2,
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
    const draft = composeWeeklyDraft({ entries: [], entryCount: 0, openBlockers: [], openBlockerCount: 0, partners: [], gate: { open: true, reasons: [] }, objectivesDone: [], objectivesDue: [] });
    expect(draft).toEqual({ progress: '### Intake gate\n\nOpen: the team can take on a new partner.', blockers: '', upcoming: '' });
  });

  it('fits a busy week in each section’s limit, naming the first entries and blockers and counting the rest', () => {
    const entry = (day: number) => ({ customer: `Customer ${day % 3}`, kind: 'progress' as const, occurredOn: '2026-11-16', body: `Entry ${day}.`, routedTo: null, theme: null, resolvedOn: null });
    const blocker = (day: number) => ({ customer: `Customer ${day}`, occurredOn: '2026-11-10', body: `Blocker ${day}.` });
    const draft = composeWeeklyDraft(
      {
        entries: Array.from({ length: 40 }, (_, day) => entry(day)), entryCount: 1_200,
        openBlockers: Array.from({ length: 40 }, (_, day) => blocker(day)), openBlockerCount: 40,
        partners: [], gate: { open: true, reasons: [] }, objectivesDone: [], objectivesDue: [],
      },
      400,
    );
    expect(draft.progress.length).toBeLessThanOrEqual(400);
    expect(draft.blockers.length).toBeLessThanOrEqual(400);
    const namedEntries = draft.progress.match(/- \*\*Progress\*\*/g)!.length;
    expect(draft.progress).toContain(`…and ${(1_200 - namedEntries).toLocaleString('en-US')} more log entries this week`);
    expect(draft.progress).toMatch(/### Intake gate\n\nOpen: the team can take on a new partner\.$/);
    const namedBlockers = draft.blockers.match(/\(open since/g)!.length;
    expect(namedBlockers).toBeGreaterThan(5);
    expect(draft.blockers.split('\n').at(-1)).toBe(`- …and ${40 - namedBlockers} more open blockers, on the Requests page.`);
  });

  it('counts what the query left out even when the named ones fit', () => {
    const draft = composeWeeklyDraft({
      entries: [], entryCount: 0, openBlockers: [{ customer: 'Halcyon', occurredOn: '2026-11-10', body: 'Old blocker.' }], openBlockerCount: 501,
      partners: [], gate: { open: true, reasons: [] }, objectivesDone: [], objectivesDue: [],
    });
    expect(draft.blockers).toBe('- **Halcyon**: Old blocker. (open since 2026-11-10)\n- …and 500 more open blockers, on the Requests page.');
  });
});
