import { AppError } from './app-error';
import { addDays } from './dates';

export const STAGES = ['candidate', 'active', 'rejected', 'handed_off', 'ended'] as const;
export type Stage = (typeof STAGES)[number];

export const DECISIONS = ['approve', 'reject', 'defer', 'reconsider'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_VERBS: Record<Decision, string> = { approve: 'approved', reject: 'rejected', defer: 'deferred', reconsider: 'reopened' };

export const STAGE_LABELS: Record<Stage, string> = {
  candidate: 'candidate',
  active: 'active partner',
  rejected: 'rejected',
  handed_off: 'handed off',
  ended: 'ended',
};

type Move = Decision | 'hand_off' | 'end';

// DOMAIN.md "Customer lifecycle": every legal move, from the stage it starts in to the stage it leads to.
const MOVES: Record<Move, { from: Stage; to: Stage; words: string }> = {
  approve: { from: 'candidate', to: 'active', words: 'Only a candidate can be approved' },
  reject: { from: 'candidate', to: 'rejected', words: 'Only a candidate can be rejected' },
  defer: { from: 'candidate', to: 'candidate', words: 'Only a candidate can be deferred' },
  reconsider: { from: 'rejected', to: 'candidate', words: 'Only a rejected customer can be reconsidered' },
  hand_off: { from: 'active', to: 'handed_off', words: 'Only an active partner can be handed off' },
  end: { from: 'active', to: 'ended', words: 'Only an active partnership can be ended' },
};

/** The stage a move leads to from `stage`; a 409 naming the current stage when the move is not allowed there. */
export function nextStage(stage: Stage, move: Move, customerName: string): Stage {
  const rule = MOVES[move];
  if (rule.from !== stage) {
    throw new AppError({
      status: 409,
      code: 'stage_conflict',
      message: `${rule.words}; ${customerName} is ${STAGE_LABELS[stage]}.`,
      details: { stage },
    });
  }
  return rule.to;
}

/** A URL-safe slug from a customer's name: "Halcyon Bank & Trust" → "halcyon-bank-trust". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** How long a handed-off partner stays watched after its exit date: 12 weeks (DOMAIN.md "Customer lifecycle"). */
export const WATCH_DAYS = 84;

/** Whether a partner is a graduate still watched at `today`: handed off no more than 12 weeks before. */
export function isWatched(partner: { stage: Stage; exitedOn: string | null }, today: string): boolean {
  return partner.stage === 'handed_off' && partner.exitedOn !== null && partner.exitedOn <= today && today <= addDays(partner.exitedOn, WATCH_DAYS);
}
