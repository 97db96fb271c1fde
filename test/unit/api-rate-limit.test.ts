import { describe, expect, it } from 'vitest';
import { API_REQUESTS_PER_MINUTE, isOverRateLimit, rateWindowStart, secondsUntilNextWindow } from '~/domain/api-rate-limit';

describe('the API rate limit', () => {
  it('allows 600 requests a minute on a token and refuses the 601st', () => {
    expect(API_REQUESTS_PER_MINUTE).toBe(600);
    expect(isOverRateLimit(1)).toBe(false);
    expect(isOverRateLimit(600)).toBe(false);
    expect(isOverRateLimit(601)).toBe(true);
  });

  it.each([
    ['2026-11-18T10:00:00.000Z', '2026-11-18T10:00:00.000Z', 60],
    ['2026-11-18T10:00:00.001Z', '2026-11-18T10:00:00.000Z', 60],
    ['2026-11-18T10:00:59.000Z', '2026-11-18T10:00:00.000Z', 1],
    ['2026-11-18T10:00:59.999Z', '2026-11-18T10:00:00.000Z', 1],
    ['2026-11-18T23:59:30.500Z', '2026-11-18T23:59:00.000Z', 30],
  ])('counts %s in the minute from %s, %i s before the next', (now, start, seconds) => {
    expect(rateWindowStart(new Date(now)).toISOString()).toBe(start);
    expect(secondsUntilNextWindow(new Date(now))).toBe(seconds);
  });
});
