import { STATUS_LABELS, type HealthStatus } from './customer-health';
import { describeGateReason, type PartnerNames } from './describe-gate-reason';
import type { IntakeGate } from './intake-gate';
import { DECISION_VERBS, type Decision } from './lifecycle';
import type { Role } from './roles';
import { updateDueOn } from './weekly-update';

// What the app tells its users (DOMAIN.md "Notifications and webhooks").

export const EVENT_KINDS = [
  'gate.opened',
  'gate.closed',
  'partner.status_changed',
  'metrics.stale',
  'weekly_update.overdue',
  'weekly_update.submitted',
  'decision.recorded',
  'blocker.opened',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The event a webhook's "Send a test event" sends: to that webhook only, never to an inbox. */
export const TEST_EVENT = 'webhook.test';

export const EVENT_LABELS: Record<EventKind, string> = {
  'gate.opened': 'The intake gate opened',
  'gate.closed': 'The intake gate closed',
  'partner.status_changed': 'A partner’s status changed',
  'metrics.stale': 'A partner’s metrics went stale',
  'weekly_update.overdue': 'The weekly update is overdue',
  'weekly_update.submitted': 'A weekly update was submitted',
  'decision.recorded': 'A decision on a candidate',
  'blocker.opened': 'A new blocker',
};

/** An event as it is raised: what it says, where to look, and the fact it is (raised once) when it has one. */
export type EventDraft = {
  kind: EventKind | typeof TEST_EVENT;
  data: Record<string, unknown>;
  /** One readable line; for a submitted weekly update its Markdown. */
  text: string;
  link: string;
  customerId?: number;
  dedupeKey?: string;
};

/** Who gets an event in their inbox: these roles, and (when `leads`) the engineer who leads its customer. */
export function audienceOf(kind: EventKind): { roles: Role[]; leads: boolean } {
  if (kind === 'gate.opened' || kind === 'gate.closed') return { roles: ['exec', 'em', 'engineer', 'viewer'], leads: false };
  if (kind === 'partner.status_changed' || kind === 'decision.recorded') return { roles: ['exec', 'em'], leads: true };
  if (kind === 'metrics.stale' || kind === 'blocker.opened') return { roles: ['em'], leads: true };
  return { roles: ['em'], leads: false };
}

/** The kinds that can reach a user of this role (an engineer's: those about the customers they lead too). */
export function kindsReceivedBy(role: Role): EventKind[] {
  return EVENT_KINDS.filter((kind) => {
    const audience = audienceOf(kind);
    return audience.roles.includes(role) || (audience.leads && role === 'engineer');
  });
}

type Customer = { id: number; slug: string; name: string };

/** gate.opened or gate.closed when the gate's state differs between before and after a write, else null. */
export function gateChangeEvent(before: IntakeGate, after: IntakeGate, partners: PartnerNames): EventDraft | null {
  if (before.open === after.open) return null;
  const data = { open: after.open, reasons: after.reasons };
  if (after.open) return { kind: 'gate.opened', data, text: 'The intake gate opened: the team can take on a new customer.', link: '/' };
  const reasons = after.reasons.map((reason) => describeGateReason(reason, partners)).join('; ');
  return { kind: 'gate.closed', data, text: `The intake gate closed: ${reasons}.`, link: '/' };
}

/** partner.status_changed for each partner watched before and after a write whose status differs. */
export function statusChangeEvents(
  before: Map<string, HealthStatus>,
  after: (Customer & { status: HealthStatus })[],
): EventDraft[] {
  return after.flatMap((partner) => {
    const from = before.get(partner.slug);
    if (from === undefined || from === partner.status) return [];
    return [{
      kind: 'partner.status_changed' as const,
      data: { customer: partner.slug, from, to: partner.status },
      text: `${partner.name} is now ${STATUS_LABELS[partner.status].toLowerCase()} (was ${STATUS_LABELS[from].toLowerCase()}).`,
      link: `/customers/${partner.slug}`,
      customerId: partner.id,
    }];
  });
}

/** metrics.stale, once per stale spell: the spell is named by the last week recorded before it began. */
export function metricsStaleEvent(customer: Customer, lastWeek: string): EventDraft {
  return {
    kind: 'metrics.stale',
    data: { customer: customer.slug, lastWeek },
    text: `${customer.name}'s metrics are stale: the latest snapshot is for the week of ${lastWeek}.`,
    link: `/customers/${customer.slug}`,
    customerId: customer.id,
    dedupeKey: `metrics.stale:${customer.id}:${lastWeek}`,
  };
}

/** weekly_update.overdue, once per week. */
export function updateOverdueEvent(weekStart: string): EventDraft {
  return {
    kind: 'weekly_update.overdue',
    data: { weekStart },
    text: `The weekly update for the week of ${weekStart} is overdue: it was due on Friday ${updateDueOn(weekStart)}.`,
    link: `/updates/${weekStart}`,
    dedupeKey: `weekly_update.overdue:${weekStart}`,
  };
}

/** weekly_update.submitted, once per week: its text is the Markdown the company channel gets. */
export function updateSubmittedEvent(weekStart: string, markdown: string): EventDraft {
  return {
    kind: 'weekly_update.submitted',
    data: { weekStart, markdown },
    text: markdown,
    link: `/updates/${weekStart}`,
    dedupeKey: `weekly_update.submitted:${weekStart}`,
  };
}

/** decision.recorded for one decision (its id names the fact). */
export function decisionEvent(
  customer: Customer,
  decision: { id: number; decision: Decision; override: string | null; decidedBy: string },
): EventDraft {
  const override = decision.override ? ' over the closed intake gate' : '';
  return {
    kind: 'decision.recorded',
    data: { customer: customer.slug, decision: decision.decision, override: decision.override },
    text: `${decision.decidedBy} ${DECISION_VERBS[decision.decision]} ${customer.name}${override}.`,
    link: `/customers/${customer.slug}`,
    customerId: customer.id,
    dedupeKey: `decision.recorded:${decision.id}`,
  };
}

const MAX_LINE = 280;

/** Text on one line, shortened to a readable length. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  // By code points, so that a cut never halves a character.
  const characters = [...line];
  return characters.length > MAX_LINE ? `${characters.slice(0, MAX_LINE - 1).join('')}…` : line;
}

/** blocker.opened for one logged blocker (its entry id names the fact). */
export function blockerOpenedEvent(customer: Customer, entry: { id: number; body: string }): EventDraft {
  return {
    kind: 'blocker.opened',
    data: { customer: customer.slug, text: entry.body },
    text: `New blocker at ${customer.name}: ${oneLine(entry.body)}`,
    link: `/customers/${customer.slug}`,
    customerId: customer.id,
    dedupeKey: `blocker.opened:${entry.id}`,
  };
}

/** The event a webhook's test sends. */
export function webhookTestEvent(webhookId: number): EventDraft {
  return { kind: TEST_EVENT, data: { webhook: webhookId }, text: 'A test event from Strat Tracker: this webhook works.', link: '/settings' };
}

/** A notification's headline: its text's first line, without Markdown's heading marks. */
export function headlineOf(text: string): string {
  return oneLine(text.split('\n', 1)[0]!.replace(/^#+\s*/, ''));
}
