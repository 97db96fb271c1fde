import { sql } from 'kysely';
import { addDays } from '~/domain/dates';
import type { Executor } from './db.server';

export type Actor = { id: number; email: string } | null;

/** Who makes a change and from where; a command run from the command line has no actor but a label ("cli"). */
export type AuditedBy = { actor: Actor; actorLabel?: string; ip?: string };

/** Who makes a change, when, and from where: what every audited command takes. */
export type Audited = { actor: NonNullable<Actor>; now: Date; ip?: string };

export type AuditRecord = {
  actor: Actor;
  /** Who acted when there is no signed-in user, e.g. the email tried at a failed sign-in. */
  actorLabel?: string;
  action: string;
  entityType?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/** Appends one entry to the audit log; pass the transaction of the change it records. */
export async function recordAudit(db: Executor, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: record.actor?.id ?? null,
      actor_label: record.actor?.email ?? record.actorLabel ?? 'system',
      action: record.action,
      entity_type: record.entityType ?? null,
      entity_id: record.entityId === undefined ? null : String(record.entityId),
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      ip: record.ip ?? null,
    })
    .execute();
}

export type AuditFilter = { entityType?: string; actorId?: number; from?: string; to?: string; beforeId?: number };

/**
 * The newest audit entries first, `limit` at a time (older than the entry id `beforeId` when given), of one
 * entity type, one actor, and between two UTC dates (both included) when asked.
 */
export async function listAuditEntries(db: Executor, filter: AuditFilter & { limit: number }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after', 'ip'])
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.from) query = query.where('at', '>=', new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) query = query.where('at', '<', new Date(`${addDays(filter.to, 1)}T00:00:00Z`));
  return query.execute();
}

/** What the audit log can be filtered by: the entity types it holds, and the users who acted. */
export async function listAuditFilterChoices(db: Executor) {
  const [entityTypes, actors] = await Promise.all([
    // A recursive skip scan on (entity_type, id): one index probe per type, however long the log.
    sql<{ entity_type: string }>`
      with recursive types as (
        (select entity_type from audit_log where entity_type is not null order by entity_type limit 1)
        union all
        select (select entity_type from audit_log where entity_type > types.entity_type order by entity_type limit 1)
        from types where types.entity_type is not null
      )
      select entity_type from types where entity_type is not null`.execute(db),
    db.selectFrom('users').select(['id', 'name', 'email']).orderBy('name').execute(),
  ]);
  return { entityTypes: entityTypes.rows.map((row) => row.entity_type), actors };
}
