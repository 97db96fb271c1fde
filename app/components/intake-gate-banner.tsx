import { Link } from '@remix-run/react';
import type { GateReason } from '~/domain/intake-gate';
import { describeForecast, describeGateReason, type PartnerNames } from '~/domain/describe-gate-reason';
import type { GateForecast } from '~/domain/gate-forecast';

type BannerProps = {
  gate: { open: boolean; activePartners: number; capacity: number; reasons: GateReason[] };
  partners: PartnerNames;
  /** Said under the reasons of a closed gate, when given. */
  forecast?: { forecast: GateForecast | null; thresholds: { acceptancePct: number; dauPct: number } };
};

/** The intake gate, open or closed with each reason in words, linking to the partner concerned. */
export function IntakeGateBanner({ gate, partners, forecast }: BannerProps) {
  return (
    <section className={`gate gate-${gate.open ? 'open' : 'closed'}`} aria-labelledby="gate-title">
      <h2 id="gate-title">
        {`Intake gate: ${gate.open ? 'open' : 'closed'} `}
        <span className="notice">{`(${gate.activePartners} of ${gate.capacity} active)`}</span>
      </h2>
      {gate.open ? (
        <p>Every active partner shows results and there is room: a new partner may be approved.</p>
      ) : (
        <ul>
          {gate.reasons.map((reason) => {
            const text = describeGateReason(reason, partners);
            return (
              <li key={text}>
                {reason.kind === 'capacity' ? text : <Link to={`/customers/${reason.customer}`}>{text}</Link>}
              </li>
            );
          })}
        </ul>
      )}
      {forecast?.forecast ? <p className="gate-forecast">{describeForecast(forecast.forecast, gate.reasons, partners, forecast.thresholds)}</p> : null}
    </section>
  );
}
