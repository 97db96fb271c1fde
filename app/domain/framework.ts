export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export type FrameworkAnswers = {
  strategicSegment: boolean;
  coMarket: Level;
  newIndustry: boolean;
  relatedMarket: string | null;
  visionAlignment: Level;
};

export type Fit = 'strong' | 'possible' | 'weak';

export type FrameworkAssessment = {
  eligible: boolean;
  score: number;
  fit: Fit;
  breakdown: { coMarket: number; newIndustry: number; visionAlignment: number };
};

const LEVEL_POINTS: Record<Level, number> = { low: 0, medium: 1, high: 2 };

/** The charter's decision framework: eligibility, score 0–5 with its breakdown, and fit. It advises; execs decide. */
export function assessFramework(answers: FrameworkAnswers): FrameworkAssessment {
  const breakdown = {
    coMarket: LEVEL_POINTS[answers.coMarket],
    newIndustry: answers.newIndustry ? 1 : 0,
    visionAlignment: LEVEL_POINTS[answers.visionAlignment],
  };
  const score = breakdown.coMarket + breakdown.newIndustry + breakdown.visionAlignment;
  return {
    eligible: answers.strategicSegment,
    score,
    fit: score >= 4 ? 'strong' : score >= 2 ? 'possible' : 'weak',
    breakdown,
  };
}
