import { describe, expect, it } from 'vitest';
import { downsample } from '~/domain/downsample';

const series = (length: number, at: (index: number) => number = (index) => Math.sin(index / 10)) =>
  Array.from({ length }, (_, index) => ({ index, value: at(index) }));

describe('downsample', () => {
  it('returns a series at or under the limit unchanged', () => {
    const short = series(500);
    expect(downsample(short, 500, (point) => point.value)).toBe(short);
  });

  it('cuts a long series to exactly the limit, keeping the first and last points in order', () => {
    const result = downsample(series(5_000), 500, (point) => point.value);
    expect(result).toHaveLength(500);
    expect(result[0]!.index).toBe(0);
    expect(result.at(-1)!.index).toBe(4_999);
    expect(result.every((point, position) => position === 0 || point.index > result[position - 1]!.index)).toBe(true);
  });

  it('keeps a lone spike that averaging would flatten', () => {
    const flat = series(10_000, (index) => (index === 6_543 ? 100 : 1));
    expect(downsample(flat, 100, (point) => point.value).some((point) => point.value === 100)).toBe(true);
  });

  it('keeps the ends when asked for two points, and nothing for zero', () => {
    const result = downsample(series(50), 2, (point) => point.value);
    expect(result.map((point) => point.index)).toEqual([0, 49]);
    expect(downsample(series(50), 0, (point) => point.value)).toEqual([]);
  });
});
