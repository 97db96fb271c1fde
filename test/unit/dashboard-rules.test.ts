import { describe, expect, it } from 'vitest';
import { change } from '~/domain/week-over-week';

describe('change', () => {
  it('is the difference, or null when a value is missing', () => {
    expect(change(31.5, 30)).toBe(1.5);
    expect(change(null, 30)).toBeNull();
    expect(change(30, undefined)).toBeNull();
  });
});
