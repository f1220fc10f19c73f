import type { DraftProblem } from './draft-validation';

export interface DraftProblemsProps {
  readonly problems: readonly DraftProblem[];
  /** A problem of a zone was clicked: show that side and select the zone. */
  readonly onZone: (side: number, zone: number) => void;
}

const ZONE_PATH = /^sides\.([0-9]+)\.zones\.([0-9]+)/;

/** What would keep the engine from accepting the draft (errors) or make it work other than meant (warnings). */
export function DraftProblems({ problems, onZone }: DraftProblemsProps) {
  if (problems.length === 0) {
    return (
      <div className="status valid" data-testid="draft-problems" data-errors={0}>
        ✓ The draft is complete.
      </div>
    );
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <ul className="ze-problems" data-testid="draft-problems" data-errors={errors}>
      {problems.map((p, i) => {
        const zone = ZONE_PATH.exec(p.path);
        const text = (
          <>
            <span className={p.severity === 'error' ? 'status invalid' : 'status corrected'}>{p.severity === 'error' ? '✕ error' : '! warning'}</span> <span className="mono">{p.path}</span>: {p.message}
          </>
        );
        return (
          <li key={`${p.path}-${i}`} data-testid="draft-problem" data-severity={p.severity} data-path={p.path}>
            {zone ? (
              <button type="button" className="link" onClick={() => onZone(Number(zone[1]), Number(zone[2]))}>
                {text}
              </button>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}
