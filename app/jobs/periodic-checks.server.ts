import { sql, type Kysely } from 'kysely';
import { dateInZone } from '~/domain/dates';
import { metricsStaleEvent, updateOverdueEvent } from '~/domain/events';
import { latestDueWeek } from '~/domain/weekly-update';
import type { DB } from '../../db/schema';
import { raiseEvent } from '~/models/events.server';
import { loadIntakeGate } from '~/models/intake-gate.server';
import { getTeamTimeZone } from '~/models/settings.server';

// One instance at a time runs the checks; another that finds the lock taken skips its turn.
const CHECKS_LOCK = 2_026_120_202;

/**
 * The checks that time alone can make true: metrics.stale for each active partner whose latest snapshot went stale
 * (once per stale spell), weekly_update.overdue for the latest week due without a submitted update (once per week).
 * Returns how many events were raised, or null when another instance holds the checks.
 */
export async function runPeriodicChecks(db: Kysely<DB>, now: Date, defaultTimeZone: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${CHECKS_LOCK}) as locked`.execute(trx);
    if (!rows[0]!.locked) return null;
    const today = dateInZone(now, await getTeamTimeZone(trx, defaultTimeZone));
    const { partners } = await loadIntakeGate(trx, today);
    const drafts = partners.flatMap((partner) =>
      partner.health.snapshotWeek && !partner.health.fresh ? [metricsStaleEvent(partner, partner.health.snapshotWeek)] : [],
    );
    const week = latestDueWeek(today);
    const update = await trx.selectFrom('weekly_updates').select('status').where('week_start', '=', week).executeTakeFirst();
    if (update?.status !== 'submitted' && update?.status !== 'amended') drafts.push(updateOverdueEvent(week));
    let raised = 0;
    for (const draft of drafts) if ((await raiseEvent(trx, draft, now)) !== null) raised += 1;
    return raised;
  });
}

const HOUR_MS = 3_600_000;

/** Runs the periodic checks now and every hour; a failed run is logged and the next one tries again. */
export function startPeriodicChecks(options: { db: Kysely<DB>; now: () => Date; defaultTimeZone: string }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = runPeriodicChecks(options.db, options.now(), options.defaultTimeZone).catch((error: unknown) =>
      console.error('Periodic checks:', error),
    );
  };
  run();
  const timer = setInterval(run, HOUR_MS).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
