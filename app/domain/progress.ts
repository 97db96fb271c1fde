// The progress log's rules (DOMAIN.md, "Progress log").

export const PROGRESS_KINDS = ['progress', 'win', 'risk', 'blocker', 'feedback', 'request'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

export const PROGRESS_KIND_LABELS: Record<ProgressKind, string> = {
  progress: 'Progress',
  win: 'Win',
  risk: 'Risk',
  blocker: 'Blocker',
  feedback: 'Feedback',
  request: 'Request',
};

/**
 * The first page of a customer's log, its latest entries (domain/paging has the other lists'): what a reader of the
 * page looks at first, and few enough that the page stays light on a phone.
 */
export const LOG_PAGE = 10;

/** Blockers and requests stay open until resolved; the other kinds are records of what happened. */
export function isResolvable(kind: ProgressKind): boolean {
  return kind === 'blocker' || kind === 'request';
}

/** Where out-of-charter requests go: support, escalation engineering, or a platform team named freely. */
export const ROUTING_TARGETS = ['support', 'escalation'] as const;

/** A request's destination in words: "support", "escalation engineering", or the platform team's name. */
export function describeRouting(routedTo: string): string {
  if (routedTo === 'support') return 'support';
  if (routedTo === 'escalation') return 'escalation engineering';
  return routedTo;
}
