import type { FrameworkAssessment } from '~/domain/framework';

export const FIT_LABELS = { strong: 'Strong fit', possible: 'Possible fit', weak: 'Weak fit' } as const;

/** Eligibility, score and fit, with the breakdown that explains the score. */
export function FrameworkSummary({ assessment }: { assessment: FrameworkAssessment }) {
  const { breakdown } = assessment;
  return (
    <span className="framework">
      {assessment.eligible ? null : <strong className="not-eligible">Not eligible · </strong>}
      <strong>{`${assessment.score}/5 · ${FIT_LABELS[assessment.fit]}`}</strong>{' '}
      <span className="notice">
        {`(co-market ${breakdown.coMarket} + new industry ${breakdown.newIndustry} + vision ${breakdown.visionAlignment})`}
      </span>
    </span>
  );
}
