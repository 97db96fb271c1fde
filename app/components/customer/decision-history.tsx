import type { GateReason } from '~/domain/intake-gate';
import { STAGE_LABELS, type Decision, type Stage } from '~/domain/lifecycle';
import { describeGateReason, type PartnerNames } from '~/domain/describe-gate-reason';
import { formatDate } from '~/domain/format';
import { ScrollTable } from '~/components/scroll-table';

type DecisionRecord = {
  id: number;
  decided_at: string;
  decided_by_name: string;
  decision: Decision;
  rationale: string;
  stage_before: Stage;
  stage_after: Stage;
  score: number;
  gate_open: boolean;
  gate_reasons: GateReason[];
  override_justification: string | null;
  /** Whether the candidate was in the Strategic segment when decided on. */
  eligible: boolean;
  reason_names: Record<string, string>;
};

const namesOnly = (names: Record<string, string>): PartnerNames =>
  Object.fromEntries(Object.entries(names).map(([slug, name]) => [slug, { name, latestWeek: null }]));

/** Every decision on a customer, kept as it was taken: who, when, why, the score and the gate then. */
export function DecisionHistory({ decisions }: { decisions: DecisionRecord[] }) {
  return (
    <>
      {decisions.length === 0 ? (
        <p className="notice">No decisions yet.</p>
      ) : (
        <ScrollTable label="Decision history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Decision</th>
              <th scope="col">Rationale</th>
              <th scope="col" className="number">Score</th>
              <th scope="col">Intake gate then</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((decision) => (
              <tr key={decision.id}>
                <td>{formatDate(decision.decided_at)}</td>
                <td>{decision.decided_by_name}</td>
                <td>{`${decision.decision} (${STAGE_LABELS[decision.stage_before]} → ${STAGE_LABELS[decision.stage_after]})`}</td>
                <td>{decision.rationale}</td>
                <td className="number">
                  {decision.score}
                  {decision.eligible ? null : <span className="not-eligible"> (not eligible)</span>}
                </td>
                <td>
                  {decision.gate_open ? 'open' : 'closed'}
                  {decision.gate_reasons.length > 0 ? (
                    <ul>
                      {decision.gate_reasons.map((reason) => {
                        const text = describeGateReason(reason, namesOnly(decision.reason_names));
                        return <li key={text}>{text}</li>;
                      })}
                    </ul>
                  ) : null}
                  {decision.override_justification ? <p>Override: {decision.override_justification}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
