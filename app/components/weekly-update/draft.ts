import { PROGRESS_KIND_LABELS, describeRouting, type ProgressKind } from '~/domain/progress';
import { change } from '~/domain/week-over-week';
import type { WeeklyUpdateSections } from '~/domain/weekly-update';
import { formatPct } from '~/domain/format';

export type DraftFacts = {
  /** The week's progress log, every customer, oldest first. */
  entries: {
    customer: string;
    kind: ProgressKind;
    occurredOn: string;
    body: string;
    routedTo: string | null;
    theme: string | null;
    /** When a blocker or request was resolved, if it has been. */
    resolvedOn: string | null;
  }[];
  /** Blockers still open now, oldest first. */
  openBlockers: { customer: string; occurredOn: string; body: string }[];
  /** Active partners, with the week's metrics and the week before's where recorded. */
  partners: { customer: string; week: Percents | null; weekBefore: Percents | null }[];
  gate: { open: boolean; reasons: string[] };
  /** Success-plan objectives done in the week. */
  objectivesDone: { customer: string; title: string; doneOn: string }[];
  /** Objectives neither done nor dropped, due by 14 days after the week's Friday (overdue ones too). */
  objectivesDue: { customer: string; title: string; dueOn: string }[];
};

type Percents = { acceptancePct: number | null; dauPct: number };

// A log entry's Markdown may span lines: indented, it stays inside its list item.
const indent = (body: string) => body.trim().replace(/\n/g, '\n  ');

function describeEntry(entry: DraftFacts['entries'][number]): string {
  const extras = [
    entry.theme ? `theme: ${entry.theme}` : null,
    entry.routedTo ? `routed to ${describeRouting(entry.routedTo)}` : null,
    entry.resolvedOn ? `resolved ${entry.resolvedOn}` : null,
  ].filter(Boolean);
  return `- **${PROGRESS_KIND_LABELS[entry.kind]}** (${entry.occurredOn}${extras.length ? `; ${extras.join('; ')}` : ''}): ${indent(entry.body)}`;
}

function describeMove(label: string, now: number | null, before: number | null | undefined): string {
  if (now === null) return `${label} —`;
  const points = change(now, before);
  if (points === null) return `${label} ${formatPct(now)}`;
  const direction = points > 0 ? `up ${points.toFixed(1)}` : points < 0 ? `down ${(-points).toFixed(1)}` : 'unchanged';
  return `${label} ${formatPct(now)} (${direction}${points === 0 ? '' : ' points'})`;
}

function groupByCustomer<Row extends { customer: string }>(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.customer, [...(groups.get(row.customer) ?? []), row]);
  return groups;
}

/**
 * The Friday update's first draft, in Markdown, from the week's facts: the log per customer, metric moves
 * against the week before and the intake gate under progress; open blockers; each partner under upcoming work
 * for the EM to fill in.
 */
export function composeWeeklyDraft(facts: DraftFacts): WeeklyUpdateSections {
  const progress: string[] = [];
  for (const [customer, entries] of groupByCustomer(facts.entries)) {
    progress.push(`### ${customer}`, '', ...entries.map(describeEntry), '');
  }
  const measured = facts.partners.filter((partner) => partner.week);
  if (measured.length > 0) {
    progress.push('### Success metrics against the week before', '');
    for (const { customer, week, weekBefore } of measured) {
      progress.push(`- **${customer}**: ${describeMove('acceptance', week!.acceptancePct, weekBefore?.acceptancePct)}, ${describeMove('DAU', week!.dauPct, weekBefore?.dauPct)}`);
    }
    progress.push('');
  }
  if (facts.objectivesDone.length > 0) {
    progress.push('### Success plans: objectives done', '', ...facts.objectivesDone.map((row) => `- **${row.customer}**: ${row.title} (${row.doneOn})`), '');
  }
  progress.push('### Intake gate', '', facts.gate.open ? 'Open: the team can take on a new partner.' : 'Closed:', ...facts.gate.reasons.map((reason) => `- ${reason}`));

  const blockers = [...groupByCustomer(facts.openBlockers)].map(
    ([customer, rows]) => `- **${customer}**: ${rows.map((row) => `${indent(row.body)} (open since ${row.occurredOn})`).join('; ')}`,
  );
  const upcoming = [
    ...facts.objectivesDue.map((row) => `- **${row.customer}**: ${row.title} (due ${row.dueOn})`),
    ...facts.partners.map((partner) => `- **${partner.customer}**: `),
  ];
  return { progress: progress.join('\n').trim(), blockers: blockers.join('\n'), upcoming: upcoming.join('\n') };
}
