import { addDays } from './dates';
import type { Settings } from './settings';

export type Snapshot = {
  weekStart: string;
  completionsShown: number;
  completionsAccepted: number;
  dau: number;
  availableDevelopers: number;
};

export type HealthStatus = 'succeeding' | 'at_risk' | 'no_data';

export const STATUS_LABELS: Record<HealthStatus, string> = {
  succeeding: 'Succeeding',
  at_risk: 'At risk',
  no_data: 'No data',
};

export type CustomerHealth = {
  status: HealthStatus;
  snapshotWeek: string | null;
  fresh: boolean;
  acceptancePct: number | null;
  dauPct: number | null;
  iarrUsd: number;
  meets: { acceptance: boolean | null; dau: boolean | null; iarr: boolean };
  thresholds: Pick<Settings, 'acceptancePct' | 'dauPct' | 'iarrUsd' | 'staleWindowDays'>;
};

type Counts = Pick<Snapshot, 'completionsShown' | 'completionsAccepted' | 'dau' | 'availableDevelopers'>;

/** A snapshot's acceptance % (null when no completions were shown) and DAU % of available developers. */
export function snapshotPercents(snapshot: Counts): { acceptancePct: number | null; dauPct: number } {
  return {
    acceptancePct: snapshot.completionsShown > 0 ? (snapshot.completionsAccepted / snapshot.completionsShown) * 100 : null,
    dauPct: (snapshot.dau / snapshot.availableDevelopers) * 100,
  };
}

/** Whether part / whole × 100 ≥ thresholdPct, exactly: thresholds have at most two decimals. */
export function meetsPercent(part: number, whole: number, thresholdPct: number): boolean {
  return part * 10_000 >= Math.round(thresholdPct * 100) * whole;
}

/** Whether a snapshot of that week still counts at `today`: its week ended within the stale window. */
export function isFresh(weekStart: string, today: string, staleWindowDays: number): boolean {
  return addDays(weekStart, 6) >= addDays(today, -staleWindowDays);
}

/**
 * A customer's success status at `today` (DOMAIN.md "Success metrics"), from its latest snapshot with
 * week_start ≤ today and its realized iARR, with the values and thresholds behind it.
 */
export function assessCustomerHealth(input: {
  snapshot: Snapshot | null;
  realizedIarrUsd: number;
  settings: Settings;
  today: string;
}): CustomerHealth {
  const { snapshot, realizedIarrUsd, settings, today } = input;
  const thresholds = {
    acceptancePct: settings.acceptancePct,
    dauPct: settings.dauPct,
    iarrUsd: settings.iarrUsd,
    staleWindowDays: settings.staleWindowDays,
  };
  const iarr = realizedIarrUsd >= settings.iarrUsd;
  if (!snapshot) {
    return {
      status: 'no_data', snapshotWeek: null, fresh: false, acceptancePct: null, dauPct: null,
      iarrUsd: realizedIarrUsd, meets: { acceptance: null, dau: null, iarr }, thresholds,
    };
  }
  const fresh = isFresh(snapshot.weekStart, today, settings.staleWindowDays);
  const hasAcceptance = snapshot.completionsShown > 0;
  const meets = {
    acceptance: hasAcceptance
      ? meetsPercent(snapshot.completionsAccepted, snapshot.completionsShown, settings.acceptancePct)
      : null,
    dau: meetsPercent(snapshot.dau, snapshot.availableDevelopers, settings.dauPct),
    iarr,
  };
  const status: HealthStatus =
    !fresh || !hasAcceptance ? 'no_data' : meets.acceptance && meets.dau && meets.iarr ? 'succeeding' : 'at_risk';
  return {
    status,
    snapshotWeek: snapshot.weekStart,
    fresh,
    ...snapshotPercents(snapshot),
    iarrUsd: realizedIarrUsd,
    meets,
    thresholds,
  };
}
