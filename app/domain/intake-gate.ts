import type { CustomerHealth } from './customer-health';
import type { Settings } from './settings';

export type GateReason =
  | { kind: 'below_threshold'; customer: string; metric: 'acceptance' | 'dau' | 'iarr'; value: number; threshold: number }
  | { kind: 'stale'; customer: string; lastWeek: string }
  | { kind: 'no_data'; customer: string; lastWeek: string | null }
  | { kind: 'capacity'; active: number; capacity: number };

export type IntakeGate = {
  open: boolean;
  activePartners: number;
  capacity: number;
  reasons: GateReason[];
};

function partnerReasons(customer: string, health: CustomerHealth): GateReason[] {
  const reasons: GateReason[] = [];
  const { thresholds, meets } = health;
  if (health.snapshotWeek === null) {
    reasons.push({ kind: 'no_data', customer, lastWeek: null });
  } else if (!health.fresh) {
    reasons.push({ kind: 'stale', customer, lastWeek: health.snapshotWeek });
  } else if (health.acceptancePct === null) {
    reasons.push({ kind: 'no_data', customer, lastWeek: health.snapshotWeek });
  } else {
    if (!meets.acceptance) {
      reasons.push({ kind: 'below_threshold', customer, metric: 'acceptance', value: health.acceptancePct, threshold: thresholds.acceptancePct });
    }
    if (!meets.dau && health.dauPct !== null) {
      reasons.push({ kind: 'below_threshold', customer, metric: 'dau', value: health.dauPct, threshold: thresholds.dauPct });
    }
  }
  // The ledger does not go stale: iARR is judged whatever the snapshots say.
  if (!meets.iarr) {
    reasons.push({ kind: 'below_threshold', customer, metric: 'iarr', value: health.iarrUsd, threshold: thresholds.iarrUsd });
  }
  return reasons;
}

/**
 * The charter's intake rule at one date: open when fewer partners are active than the capacity and every
 * active partner is succeeding; otherwise closed, with one reason per failing fact (DOMAIN.md "Intake gate").
 */
export function computeIntakeGate(
  activePartners: { slug: string; health: CustomerHealth }[],
  settings: Pick<Settings, 'capacity'>,
): IntakeGate {
  const reasons = activePartners.flatMap((partner) => partnerReasons(partner.slug, partner.health));
  if (activePartners.length >= settings.capacity) {
    reasons.push({ kind: 'capacity', active: activePartners.length, capacity: settings.capacity });
  }
  return { open: reasons.length === 0, activePartners: activePartners.length, capacity: settings.capacity, reasons };
}
