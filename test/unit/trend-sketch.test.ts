import { describe, expect, it } from 'vitest';
import { SKETCH_POINTS, sketchOf } from '~/components/charts/trend-sketch';
import { addDays } from '~/domain/dates';

const weeks = (values: (number | null)[], thresholds: number[] = values.map(() => 50)) =>
  values.map((value, index) => ({ label: addDays('2026-01-05', 7 * index), value, threshold: thresholds[index]! }));
const trend = (points: ReturnType<typeof weeks>, extra: { changes?: string[]; projection?: { week: string | null; threshold: number } } = {}) => ({
  points, changes: extra.changes ?? [], projection: extra.projection ?? null,
});
/** A path's corners, as [x, y] in the drawing's units. */
const corners = (path: string) => [...path.matchAll(/[ML](\d+),(\d+)/g)].map((match) => [Number(match[1]), Number(match[2])]);

describe('sketchOf', () => {
  it('draws the values across the whole width, against a top a tenth over the highest value or threshold', () => {
    const sketch = sketchOf(trend(weeks([10, 20, 40, 30, 60])));
    expect(sketch.top).toBeCloseTo(66, 10);
    expect(corners(sketch.value)).toEqual([[0, 848], [250, 697], [500, 394], [750, 545], [1000, 91]]);
    expect(sketch.threshold).toBe('M0,242H1000');
    expect([sketch.from, sketch.to]).toEqual(['2026-01-05', '2026-02-02']);
    expect(sketch.latest).toEqual({ label: '2026-02-02', value: 60, threshold: 50 });
  });

  it('steps a ledger, and steps the threshold where it changed', () => {
    const sketch = sketchOf(trend(weeks([0, 100, 100, 250], [300, 300, 500, 500]), { changes: ['2026-01-19'] }), true);
    expect(sketch.value).toBe('M0,1000H333V818H667V818H1000V545');
    expect(sketch.threshold).toBe('M0,455H667V91H1000');
    expect(sketch.changes).toEqual([667]);
  });

  it('skips weeks without a value, and draws a lone value as a dot', () => {
    expect(corners(sketchOf(trend(weeks([10, null, 30]))).value).map(([x]) => x)).toEqual([0, 1000]);
    const lone = sketchOf(trend(weeks([null, 25, null])));
    expect(lone.value).toBe('M500,545h0');
    expect(lone.latest?.value).toBe(25);
  });

  it('runs a projection from the latest value to the threshold in the projected week, which ends the drawing', () => {
    const sketch = sketchOf(trend(weeks([10, 20, 30], [55, 55, 55]), { projection: { week: '2026-02-02', threshold: 55 } }));
    expect(corners(sketch.projection!)).toEqual([[500, 504], [1000, 91]]);
    expect(sketch.to).toBe('2026-02-02');
    expect(sketchOf(trend(weeks([10, 20, 30]), { projection: { week: null, threshold: 55 } })).projection).toBeNull();
  });

  it('keeps a long history to a few hundred bytes', () => {
    const sketch = sketchOf(trend(weeks(Array.from({ length: 156 }, (_, index) => 20 + Math.sin(index / 5) * 10))));
    expect(corners(sketch.value)).toHaveLength(SKETCH_POINTS);
    expect(sketch.value.length).toBeLessThan(500);
  });
});
