import { PROGRESS_KIND_LABELS, describeRouting, type ProgressKind } from '~/domain/progress';
import { change } from '~/domain/week-over-week';
import type { WeeklyUpdateSections } from '~/domain/weekly-update';
import { formatPct } from '~/domain/format';
import { MAX_SECTION_LENGTH } from '~/schemas/weekly-updates';

export type DraftFacts = {
  /** The week's progress log, every customer, oldest first: the first of `entryCount`. */
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
  entryCount: number;
  /** Blockers still open now, oldest first: the first of `openBlockerCount`. */
  openBlockers: { customer: string; occurredOn: string; body: string }[];
  openBlockerCount: number;
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

/** A draft's line, and how many of the facts it stands for (log entries, blockers) it names. */
type Line = { text: string; names: number };

/**
 * The lines, in order, that fit in `room` characters joined, with a last line `more(left)` for the facts not named
 * when some are left out: a busy week's draft still fits a section and can be saved.
 */
function fitLines(lines: Line[], total: number, room: number, more: (left: number) => string): string[] {
  const all = lines.map((line) => line.text);
  const named = lines.reduce((sum, line) => sum + line.names, 0);
  if (named === total && all.join('\n').length <= room) return all;
  const kept: string[] = [];
  // The kept lines' length joined, with the newline that follows each: adding a line never re-measures the rest.
  let used = 0;
  let shown = 0;
  for (const line of lines) {
    if (used + line.text.length + 1 + more(total - shown - line.names).length > room) break;
    kept.push(line.text);
    used += line.text.length + 1;
    shown += line.names;
  }
  return [...kept, more(total - shown)];
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * The Friday update's first draft, in Markdown, from the week's facts: the log per customer, metric moves
 * against the week before and the intake gate under progress; open blockers; each partner under upcoming work
 * for the EM to fill in. Each section fits the editor's limit: the log and the blockers give way first.
 */
export function composeWeeklyDraft(facts: DraftFacts, limit = MAX_SECTION_LENGTH): WeeklyUpdateSections {
  const log: Line[] = [];
  for (const [customer, entries] of groupByCustomer(facts.entries)) {
    log.push({ text: `### ${customer}`, names: 0 }, { text: '', names: 0 }, ...entries.map((entry) => ({ text: describeEntry(entry), names: 1 })), { text: '', names: 0 });
  }
  const summary: string[] = [];
  const measured = facts.partners.filter((partner) => partner.week);
  if (measured.length > 0) {
    summary.push('### Success metrics against the week before', '');
    for (const { customer, week, weekBefore } of measured) {
      summary.push(`- **${customer}**: ${describeMove('acceptance', week!.acceptancePct, weekBefore?.acceptancePct)}, ${describeMove('DAU', week!.dauPct, weekBefore?.dauPct)}`);
    }
    summary.push('');
  }
  if (facts.objectivesDone.length > 0) {
    summary.push('### Success plans: objectives done', '', ...facts.objectivesDone.map((row) => `- **${row.customer}**: ${row.title} (${row.doneOn})`), '');
  }
  summary.push('### Intake gate', '', facts.gate.open ? 'Open: the team can take on a new partner.' : 'Closed:', ...facts.gate.reasons.map((reason) => `- ${reason}`));
  const logRoom = limit - summary.join('\n').length - 2;
  const progress = [
    ...fitLines(log, facts.entryCount, logRoom, (left) => `…and ${plural(left, 'more log entry', 'more log entries')} this week, on each customer’s page.\n`),
    ...summary,
  ];

  const blockers = [...groupByCustomer(facts.openBlockers)].map(([customer, rows]) => ({
    text: `- **${customer}**: ${rows.map((row) => `${indent(row.body)} (open since ${row.occurredOn})`).join('; ')}`,
    names: rows.length,
  }));
  const upcoming = [
    ...facts.objectivesDue.map((row) => `- **${row.customer}**: ${row.title} (due ${row.dueOn})`),
    ...facts.partners.map((partner) => `- **${partner.customer}**: `),
  ];
  return {
    progress: progress.join('\n').trim(),
    blockers: fitLines(blockers, facts.openBlockerCount, limit, (left) => `- …and ${plural(left, 'more open blocker', 'more open blockers')}, on the Requests page.`).join('\n'),
    upcoming: upcoming.join('\n'),
  };
}
