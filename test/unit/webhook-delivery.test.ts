import { describe, expect, it } from 'vitest';
import { isPrivateAddress, judgeAttempt, MAX_BODY_BYTES, RETRY_DELAYS_MS, webhookBody } from '~/domain/webhook-delivery';

const now = new Date('2026-11-20T12:00:00Z');
const after = (ms: number) => ({ status: 'pending', nextAttemptAt: new Date(now.getTime() + ms) });

describe('judgeAttempt', () => {
  it.each([
    [{ statusCode: 200 }, 1, { status: 'delivered' }],
    [{ statusCode: 204 }, 7, { status: 'delivered' }],
    [{ statusCode: 500 }, 1, after(10_000)],
    [{ statusCode: 503 }, 2, after(30_000)],
    [{ statusCode: 408 }, 3, after(120_000)],
    [{ statusCode: 429 }, 4, after(600_000)],
    [{ error: 'connect ECONNREFUSED' }, 5, after(3_600_000)],
    [{ error: 'no answer within 10 s' }, 6, after(21_600_000)],
    [{ statusCode: 500 }, 7, { status: 'failed' }],
    [{ error: 'socket hang up' }, 7, { status: 'failed' }],
    [{ statusCode: 400 }, 1, { status: 'failed' }],
    [{ statusCode: 404 }, 1, { status: 'failed' }],
    [{ statusCode: 410 }, 2, { status: 'failed' }],
    [{ statusCode: 301 }, 1, { status: 'failed' }],
  ])('%o at attempt %i → %o', (result, attempts, verdict) => {
    expect(judgeAttempt(result, attempts, now)).toEqual(verdict);
  });

  it('waits 10 s, 30 s, 2 min, 10 min, 1 h and 6 h: seven attempts in all', () => {
    expect(RETRY_DELAYS_MS).toEqual([10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
  });
});

describe('webhookBody', () => {
  const event = { id: 42, kind: 'weekly_update.submitted', occurredAt: now, text: '# Week\n\nAll good.\n', data: { weekStart: '2026-11-16', markdown: '# Week\n\nAll good.\n' } };

  it('is {id, event, occurredAt, data, text} with the id as a string', () => {
    expect(JSON.parse(webhookBody(event))).toEqual({ id: '42', event: 'weekly_update.submitted', occurredAt: '2026-11-20T12:00:00.000Z', data: event.data, text: event.text });
  });

  it('stays within 64 KB, cutting long texts at whole characters with a note', () => {
    const markdown = '🚀 “quoted” \\ line\n'.repeat(6_000);
    const body = webhookBody({ ...event, text: markdown, data: { weekStart: '2026-11-16', markdown } });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BODY_BYTES - 100);
    const parsed = JSON.parse(body);
    expect(parsed.text).toMatch(/… \(shortened: the whole text is in Strat Tracker\)$/);
    expect(parsed.data.markdown).toBe(parsed.text);
    expect(markdown.startsWith(parsed.text.replace(/… \(shortened.*$/, ''))).toBe(true);
    expect(parsed.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.10', true], ['10.0.0.1', true], ['172.16.5.4', true], ['192.168.1.1', true],
    ['169.254.169.254', true], ['0.0.0.0', true], ['100.64.0.1', true], ['::1', true], ['::', true], ['fe80::1', true],
    ['fd12:3456::1', true], ['::ffff:127.0.0.1', true], ['::ffff:10.0.0.1', true], ['224.0.0.1', true], ['not an address', true],
    ['93.184.216.34', false], ['8.8.8.8', false], ['2606:4700:4700::1111', false], ['::ffff:8.8.8.8', false],
  ])('%s → %s', (address, refused) => {
    expect(isPrivateAddress(address)).toBe(refused);
  });
});
