import { EVENT_KINDS } from '~/domain/events';
import { rowId } from './numbers';
import { isHttpUrl } from './urls';
import { z } from './zod';

const MAX_IDS = 1_000;

/** POST /api/v1/notifications/read: `{ids}` or `{all: true}`. */
export const MarkReadSchema = z
  .object({
    ids: z.array(rowId('notification'), { error: 'Give ids as a list of notification ids.' }).max(MAX_IDS, `Give at most ${MAX_IDS} ids at once.`).optional(),
    all: z.literal(true, { error: 'Give all: true to mark every notification read.' }).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), {
    path: ['ids'],
    message: 'Give either ids (a list of notification ids) or all: true.',
  });

/** GET /api/v1/notifications and /notifications: `?before=ID` pages back. */
export const InboxQuerySchema = z.object({ before: z.string().regex(/^\d{1,15}$/).transform(Number).optional().catch(undefined) });

export const InboxActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: rowId('notification') }),
  z.object({ intent: z.literal('read-all') }),
]);

const eventKind = z.enum(EVENT_KINDS, { error: (issue) => `Unknown event kind${typeof issue.input === 'string' ? ` "${issue.input.slice(0, 40)}"` : ''}: use one of ${EVENT_KINDS.join(', ')}.` });

/** Settings: the kinds a user keeps; the others they can get are muted. */
export const MuteFormSchema = z.object({ intent: z.literal('mute-events'), notify: z.array(eventKind).max(EVENT_KINDS.length * 2).default([]) });

/** A webhook: an http or https URL and the events it wants (at least one). */
export const WebhookSchema = z.object({
  url: z
    .string({ error: 'Give the URL to post events to.' })
    .trim()
    .min(1, 'Give the URL to post events to.')
    .max(2_000, 'Keep the URL under 2,000 characters.')
    .refine(isHttpUrl, 'Give an http:// or https:// URL, e.g. a Slack incoming webhook.'),
  events: z.array(eventKind, { error: 'Give events as a list of event kinds.' }).min(1, 'Pick at least one event.').max(EVENT_KINDS.length * 2),
});

export const WebhookActionSchema = z.discriminatedUnion('intent', [
  WebhookSchema.extend({ intent: z.literal('create-webhook') }),
  z.object({ intent: z.literal('test-webhook'), webhookId: rowId('webhook') }),
  z.object({ intent: z.literal('renew-webhook'), webhookId: rowId('webhook') }),
  z.object({ intent: z.literal('delete-webhook'), webhookId: rowId('webhook') }),
]);
