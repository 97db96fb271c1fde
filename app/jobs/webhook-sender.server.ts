import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DELIVERY_TIMEOUT_MS, judgeAttempt, webhookBody, type AttemptResult } from '~/domain/webhook-delivery';
import type { DB } from '../../db/schema';
import { postWebhook } from './webhook-post.server';

export type SenderOptions = {
  db: Kysely<DB>;
  /** The load context's clock: what "due" and the retry schedule are measured by. */
  now: () => Date;
  allowPrivate: boolean;
  timeoutMs?: number;
  /** How many deliveries one round claims and sends side by side. */
  batchSize?: number;
};

/** How long a claimed delivery is this sender's: past it (the sender died mid-send), another may try it again. */
const claimFor = (timeoutMs: number) => timeoutMs + 20_000;

/** `sha256=<hex HMAC-SHA256 of the body, keyed by the secret's UTF-8 bytes>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')}`;
}

/**
 * Claims the deliveries due at `now`, at most `limit`: each is claimed by one sender only (`FOR UPDATE SKIP LOCKED`,
 * then its due time moves past the claim), so several instances share the outbox without sending anything twice.
 */
function claimDue(db: Kysely<DB>, now: Date, limit: number, timeoutMs: number) {
  const claimedUntil = new Date(now.getTime() + claimFor(timeoutMs));
  return sql<{
    id: number; attempts: number; url: string; secret: string; event_id: number; kind: string; occurred_at: Date;
    data: Record<string, unknown>; text: string;
  }>`
    with due as (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    ), claimed as (
      update webhook_deliveries delivery
      set attempts = delivery.attempts + 1, next_attempt_at = ${claimedUntil}, last_attempt_at = ${now}
      from due where delivery.id = due.id
      returning delivery.id, delivery.attempts, delivery.webhook_id, delivery.event_id
    )
    select claimed.id, claimed.attempts, webhooks.url, webhooks.secret, events.id as event_id, events.kind,
           events.occurred_at, events.data, events.text
    from claimed
    join webhooks on webhooks.id = claimed.webhook_id
    join events on events.id = claimed.event_id`.execute(db).then((result) => result.rows);
}

type Claimed = Awaited<ReturnType<typeof claimDue>>[number];

function describeFailure(result: AttemptResult & { excerpt?: string }): string | null {
  if ('error' in result) return result.error;
  if (result.statusCode >= 200 && result.statusCode < 300) return null;
  return `HTTP ${result.statusCode}${result.excerpt ? `: ${result.excerpt.trim()}` : ''}`;
}

/** Sends one claimed delivery and records what came of it (unless another sender took it over meanwhile). */
async function send(options: Required<SenderOptions>, delivery: Claimed): Promise<void> {
  const body = webhookBody({ id: delivery.event_id, kind: delivery.kind, occurredAt: delivery.occurred_at, data: delivery.data, text: delivery.text });
  const result = await postWebhook(delivery.url, body, {
    'Content-Type': 'application/json',
    'User-Agent': 'Strat-Tracker-Webhooks/1',
    'X-Strat-Event': delivery.kind,
    'X-Strat-Delivery': String(delivery.event_id),
    'X-Strat-Signature': signBody(body, delivery.secret),
  }, { timeoutMs: options.timeoutMs, allowPrivate: options.allowPrivate });
  const verdict = judgeAttempt(result, delivery.attempts, options.now());
  await options.db
    .updateTable('webhook_deliveries')
    .set({
      status: verdict.status,
      ...(verdict.status === 'pending' ? { next_attempt_at: verdict.nextAttemptAt } : {}),
      last_status_code: 'statusCode' in result ? result.statusCode : null,
      last_error: describeFailure(result),
    })
    .where('id', '=', delivery.id)
    .where('attempts', '=', delivery.attempts)
    .execute();
}

export type WebhookSender = {
  /** Looks for due deliveries now (a committed event's NOTIFY, a timer, or a test that moved the clock). */
  wake(): void;
  /** The round in progress, if any, and then none: what a test waits for. */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

// A safety net under LISTEN/NOTIFY (a notification lost while the listening connection was down).
const SWEEP_MS = 30_000;

/** The outbox's sender: sends due deliveries whenever woken, and wakes itself when the next retry is due. */
export function startWebhookSender(input: SenderOptions): WebhookSender {
  const options: Required<SenderOptions> = { ...input, timeoutMs: input.timeoutMs ?? DELIVERY_TIMEOUT_MS, batchSize: input.batchSize ?? 20 };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const wakeIn = (ms: number) => {
    clearTimeout(timer);
    // Never sooner than 100 ms: a due delivery that another sender is claiming right now must not make this one spin.
    if (!stopped) timer = setTimeout(wake, Math.min(Math.max(ms, 100), SWEEP_MS)).unref();
  };
  const nextDueIn = async () => {
    const next = await options.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('due'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return next?.due ? new Date(next.due).getTime() - options.now().getTime() : SWEEP_MS;
  };

  const round = async () => {
    do {
      again = false;
      for (;;) {
        const claimed = await claimDue(options.db, options.now(), options.batchSize, options.timeoutMs);
        if (claimed.length === 0) break;
        await Promise.all(claimed.map((delivery) => send(options, delivery)));
      }
    } while (again && !stopped);
    wakeIn(await nextDueIn());
  };

  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((error: unknown) => {
        // The database was out of reach, say: try again later rather than never.
        console.error('Webhook sender:', error);
        wakeIn(SWEEP_MS);
      })
      .finally(() => {
        running = null;
      });
  }

  wake();
  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (running) await running;
    },
  };
}
