import './components.css';

export interface ProgressBarProps {
  readonly done: number;
  /** Null while the total is not known yet (indeterminate bar). */
  readonly total: number | null;
  readonly label?: string;
}

/** A horizontal progress bar; indeterminate while `total` is null. */
export function ProgressBar({ done, total, label }: ProgressBarProps) {
  const fraction = total && total > 0 ? Math.min(1, done / total) : null;
  return (
    <div
      className="progress-track"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={total ? done : undefined}
    >
      <div
        className={fraction === null ? 'progress-fill indeterminate' : 'progress-fill'}
        style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }}
      />
    </div>
  );
}
