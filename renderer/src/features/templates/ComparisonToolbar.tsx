import type { ComparisonMode } from './ComparisonStage';

export interface ComparisonToolbarProps {
  readonly mode: ComparisonMode;
  readonly onMode: (mode: ComparisonMode) => void;
  readonly paused: boolean;
  readonly onPaused: (paused: boolean) => void;
  readonly onSwap: () => void;
  readonly opacity: number;
  readonly onOpacity: (opacity: number) => void;
  readonly difference: boolean;
  readonly onDifference: (difference: boolean) => void;
  /** Both images are there (flicker and overlay need both). */
  readonly bothImages: boolean;
  readonly allLabels: boolean;
  readonly onAllLabels: (all: boolean) => void;
}

const MODES: readonly { mode: ComparisonMode; label: string }[] = [
  { mode: 'side-by-side', label: 'Side by side' },
  { mode: 'flicker', label: 'Flicker' },
  { mode: 'overlay', label: 'Overlay' },
];

/** View mode of the comparison, and the flicker (pause, step) and overlay (opacity, difference) controls. */
export function ComparisonToolbar(props: ComparisonToolbarProps) {
  const { mode, onMode, paused, onPaused, onSwap, opacity, onOpacity, difference, onDifference, bothImages, allLabels, onAllLabels } = props;
  return (
    <div className="cmp-toolbar" role="toolbar" aria-label="Comparison view">
      <div className="seg" role="group" aria-label="View mode">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            aria-pressed={mode === m.mode}
            disabled={m.mode !== 'side-by-side' && !bothImages}
            onClick={() => onMode(m.mode)}
            data-testid={`comparison-mode-${m.mode}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      <label title="Otherwise only zones that do not agree, and the one pointed at, are named">
        <input type="checkbox" checked={allLabels} onChange={(event) => onAllLabels(event.target.checked)} data-testid="comparison-all-labels" />
        Name all zones
      </label>
      {mode === 'flicker' && (
        <>
          <button type="button" aria-pressed={!paused} onClick={() => onPaused(!paused)} title="Space also pauses and resumes" data-testid="flicker-toggle">
            {paused ? 'Resume flicker' : 'Pause flicker'}
          </button>
          <button type="button" onClick={onSwap} disabled={!paused} title="Show the other image (while paused)" data-testid="flicker-step">
            Swap image
          </button>
          <span className="muted">2 Hz</span>
        </>
      )}
      {mode === 'overlay' && (
        <>
          <label className={difference ? 'disabled' : ''}>
            Reference opacity
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={opacity}
              disabled={difference}
              onChange={(event) => onOpacity(Number(event.target.value))}
              aria-valuetext={`${Math.round(opacity * 100)} %`}
              data-testid="comparison-opacity"
            />
            <span className="cmp-opacity-value">{Math.round(opacity * 100)} %</span>
          </label>
          <label>
            <input type="checkbox" checked={difference} onChange={(event) => onDifference(event.target.checked)} data-testid="comparison-difference" />
            Difference
          </label>
        </>
      )}
    </div>
  );
}
