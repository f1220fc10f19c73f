import type { AssessmentView } from '../../../../native/engine/contract';
import { LevelBadge } from './LevelBadge';
import { orderReasons } from './zone-state';

export interface AssessmentSummaryProps {
  readonly assessment: AssessmentView | null;
  readonly hovered: string | null;
  readonly selected: string | null;
  readonly onHover: (zone: string | null) => void;
  readonly onPick: (zone: string) => void;
}

/** Score, level and the reasons behind them; a reason tied to a zone highlights and opens that zone. */
export function AssessmentSummary({ assessment, hovered, selected, onHover, onPick }: AssessmentSummaryProps) {
  if (!assessment) return <div className="muted">No assessment was made (nothing to compare against).</div>;
  const reasons = orderReasons(assessment.reasons);
  return (
    <div className="cmp-assessment" data-testid="assessment" data-level={assessment.level} data-score={assessment.score}>
      <div className="cmp-assessment-head">
        <LevelBadge level={assessment.level} />
        <span className="cmp-assessment-score" data-testid="assessment-score">
          {assessment.score.toFixed(2)}
        </span>
        <span className="muted">indicators for an examiner, not a verdict</span>
      </div>
      {reasons.length === 0 ? (
        <div className="muted">No reasons: every measurement stayed within what genuine captures of the template show.</div>
      ) : (
        <ul className="cmp-reasons" data-testid="assessment-reasons">
          {reasons.map((reason, index) => {
            const zone = reason.zone;
            const active = zone !== null && (zone === hovered || zone === selected);
            const body = (
              <>
                <span className="cmp-reason-weight">{reason.weight.toFixed(2)}</span>
                <span className="cmp-reason-text">
                  <span>{reason.message}</span>
                  <span className="muted mono">
                    {reason.code}
                    {zone ? ` · zone ${zone}` : ' · whole document'}
                  </span>
                </span>
              </>
            );
            return (
              <li key={`${reason.code}-${zone ?? ''}-${index}`} className={active ? 'active' : undefined} data-testid="assessment-reason" data-code={reason.code} data-zone={zone ?? ''}>
                {zone ? (
                  <button type="button" onMouseEnter={() => onHover(zone)} onMouseLeave={() => onHover(null)} onFocus={() => onHover(zone)} onBlur={() => onHover(null)} onClick={() => onPick(zone)}>
                    {body}
                  </button>
                ) : (
                  <div className="cmp-reason-static">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
