import type { GateReason } from './intake-gate';
import { formatPct, formatUsd } from './format';

export type PartnerNames = Record<string, { name: string; latestWeek: string | null }>;

/** One gate reason in words, e.g. "Contoso: acceptance 27.4 % < 30 % (week of 2026-11-09)". */
export function describeGateReason(reason: GateReason, partners: PartnerNames): string {
  if (reason.kind === 'capacity') return `capacity: ${reason.active} of ${reason.capacity} active`;
  const partner = partners[reason.customer];
  const name = partner?.name ?? reason.customer;
  if (reason.kind === 'stale') return `${name}: no fresh metrics since ${reason.lastWeek}`;
  if (reason.kind === 'no_data') {
    return reason.lastWeek ? `${name}: no completions shown in the week of ${reason.lastWeek}` : `${name}: no metrics yet`;
  }
  if (reason.metric === 'iarr') return `${name}: iARR ${formatUsd(reason.value)} < ${formatUsd(reason.threshold)}`;
  const metric = reason.metric === 'acceptance' ? 'acceptance' : 'DAU';
  const week = partner?.latestWeek ? ` (week of ${partner.latestWeek})` : '';
  return `${name}: ${metric} ${formatPct(reason.value)} < ${reason.threshold} %${week}`;
}
