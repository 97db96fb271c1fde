import type { GateForecast } from './gate-forecast';
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

const METRIC_WORDS = { acceptance: 'acceptance', dau: 'DAU' } as const;

/**
 * The gate forecast in words: "At current trends the gate opens in the week of …", or what stands in the way (the
 * shortfalls not on course within a year, and the reasons no trend can lift).
 */
export function describeForecast(forecast: GateForecast, reasons: GateReason[], partners: PartnerNames, thresholds: { acceptancePct: number; dauPct: number }): string {
  if (forecast.opensWeek) return `At current trends the gate opens in the week of ${forecast.opensWeek}.`;
  const obstacles = reasons.flatMap((reason) => {
    if (reason.kind !== 'below_threshold' || reason.metric === 'iarr') return [describeGateReason(reason, partners)];
    const projected = forecast.partners.find((entry) => entry.customer === reason.customer && entry.metric === reason.metric)?.projectedWeek;
    if (projected) return [];
    const threshold = reason.metric === 'acceptance' ? thresholds.acceptancePct : thresholds.dauPct;
    return [`${partners[reason.customer]?.name ?? reason.customer}'s ${METRIC_WORDS[reason.metric]} is not on course to reach ${threshold} % within a year`];
  });
  return `At current trends the gate does not open by itself: ${obstacles.join('; ')}.`;
}
