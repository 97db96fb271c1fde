import { describe, expect, it } from 'vitest';
import { wallTime } from '~/http/request-timing.server';

describe('the wall time of overlapping queries', () => {
  it.each([
    [[], 0],
    [[[0, 5]], 5],
    [[[0, 5], [10, 12]], 7],
    [[[0, 5], [2, 8]], 8],
    [[[2, 8], [0, 5]], 8],
    [[[0, 10], [2, 3], [4, 6]], 10],
    [[[0, 4], [4, 6]], 6],
    [[[1, 2], [0, 10], [9, 12]], 12],
  ] as [[number, number][], number][])('%j → %d ms', (intervals, expected) => {
    expect(wallTime(intervals)).toBe(expected);
  });
});
