import { computeIntakeGate } from '~/domain/intake-gate';
import { listCustomerOverviews } from './customers.server';
import type { Executor } from './db.server';
import { getSettings } from './settings.server';

/** The intake gate at `today`, with the settings and active partners it was judged on. */
export async function loadIntakeGate(db: Executor, today: string) {
  const settings = await getSettings(db);
  const partners = await listCustomerOverviews(db, { today, settings, stages: ['active'] });
  // The names and latest weeks that gate reasons are worded with.
  const names = Object.fromEntries(partners.map((partner) => [partner.slug, { name: partner.name, latestWeek: partner.health.snapshotWeek }]));
  return { gate: computeIntakeGate(partners, settings), settings, partners, names };
}
