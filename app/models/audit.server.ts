import type { Executor } from './db.server';

export type Actor = { id: number; email: string } | null;

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

/** The newest audit entries first, `limit` at a time, older than the entry id `beforeId` when given. */
export async function listAuditEntries(db: Executor, options: { limit: number; beforeId?: number }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after', 'ip'])
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
