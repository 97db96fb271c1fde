import { describe, expect, it } from 'vitest';
import { assessFramework, LEVELS, type Level } from '~/domain/framework';

const POINTS: Record<Level, number> = { low: 0, medium: 1, high: 2 };

describe('assessFramework', () => {
  const combinations = LEVELS.flatMap((coMarket) =>
    [true, false].flatMap((newIndustry) => LEVELS.map((visionAlignment) => ({ coMarket, newIndustry, visionAlignment }))),
  );

  it.each(combinations)('scores co-market $coMarket, new industry $newIndustry, vision $visionAlignment', (answers) => {
    const expectedScore = POINTS[answers.coMarket] + (answers.newIndustry ? 1 : 0) + POINTS[answers.visionAlignment];
    const result = assessFramework({ ...answers, strategicSegment: true, relatedMarket: answers.newIndustry ? 'Retail' : null });
    expect(result.score).toBe(expectedScore);
    expect(result.breakdown.coMarket + result.breakdown.newIndustry + result.breakdown.visionAlignment).toBe(expectedScore);
    expect(result.fit).toBe(expectedScore >= 4 ? 'strong' : expectedScore >= 2 ? 'possible' : 'weak');
    expect(result.eligible).toBe(true);
  });

  it.each([
    [5, 'strong', { coMarket: 'high', newIndustry: true, visionAlignment: 'high' }],
    [4, 'strong', { coMarket: 'high', newIndustry: false, visionAlignment: 'high' }],
    [3, 'possible', { coMarket: 'medium', newIndustry: true, visionAlignment: 'medium' }],
    [2, 'possible', { coMarket: 'medium', newIndustry: false, visionAlignment: 'medium' }],
    [1, 'weak', { coMarket: 'low', newIndustry: true, visionAlignment: 'low' }],
    [0, 'weak', { coMarket: 'low', newIndustry: false, visionAlignment: 'low' }],
  ] as const)('puts score %i at the fit boundary %s', (score, fit, answers) => {
    const result = assessFramework({ ...answers, strategicSegment: true, relatedMarket: 'X' });
    expect([result.score, result.fit]).toEqual([score, fit]);
  });

  it('marks a customer outside the Strategic segment not eligible, whatever its score', () => {
    const result = assessFramework({
      strategicSegment: false, coMarket: 'high', newIndustry: true, relatedMarket: 'Retail', visionAlignment: 'high',
    });
    expect(result).toMatchObject({ eligible: false, score: 5, fit: 'strong' });
  });
});
