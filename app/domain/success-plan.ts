// A partner's success plan (DOMAIN.md "Success plan").

export const OBJECTIVE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

/** The stages whose partners have a success plan. */
export const PLAN_STAGES = ['active', 'handed_off'] as const;

/** The statuses of an objective still to be met. */
export const OPEN_OBJECTIVE_STATUSES = ['planned', 'in_progress'] as const;

export const OBJECTIVE_STATUS_LABELS: Record<ObjectiveStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** Overdue: neither done nor dropped, and due before today. */
export function isObjectiveOverdue(objective: { status: ObjectiveStatus; dueOn: string }, today: string): boolean {
  return objective.status !== 'done' && objective.status !== 'dropped' && objective.dueOn < today;
}

/** The plan's progress: done out of all but the dropped ones (null when nothing counts). */
export function planProgress(objectives: { status: ObjectiveStatus }[]): { done: number; counted: number; pct: number | null } {
  const counted = objectives.filter((objective) => objective.status !== 'dropped').length;
  const done = objectives.filter((objective) => objective.status === 'done').length;
  return { done, counted, pct: counted === 0 ? null : (done / counted) * 100 };
}

/** `doneOn` after a status change: today when it becomes done, kept while it stays done, null once it leaves. */
export function doneOnAfter(before: { status: ObjectiveStatus; doneOn: string | null } | null, status: ObjectiveStatus, today: string): string | null {
  if (status !== 'done') return null;
  return before?.status === 'done' ? before.doneOn : today;
}
