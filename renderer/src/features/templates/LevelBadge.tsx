import type { AssessmentLevel } from '../../../../native/engine/contract';
import { LEVEL_META } from './zone-state';
import './comparison.css';

export interface LevelBadgeProps {
  readonly level: AssessmentLevel | null;
  readonly score?: number | null;
  readonly testId?: string;
}

/** The assessment level as a badge: colour, a word and the score; its title says what the level means (never a verdict). */
export function LevelBadge({ level, score, testId = 'assessment-level' }: LevelBadgeProps) {
  if (!level) return null;
  const meta = LEVEL_META[level];
  return (
    <span className={`level-badge ${meta.tone}`} title={meta.explanation} data-testid={testId} data-level={level}>
      {meta.label}
      {score !== undefined && score !== null && Number.isFinite(score) && <span className="level-score">{score.toFixed(2)}</span>}
    </span>
  );
}
