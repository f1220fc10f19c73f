import type { CSSProperties, ReactNode } from 'react';
import { ZoneOverlay } from './ZoneOverlay';
import type { OverlayZone } from './ZoneOverlay';

export type ComparisonMode = 'side-by-side' | 'flicker' | 'overlay';

export interface ComparisonStageProps {
  readonly mode: ComparisonMode;
  /** The questioned document warped into the template frame, or null when it was not fitted. */
  readonly questionedUrl: string | null;
  /** The template side's reference image, or null when it could not be loaded (or is still loading). */
  readonly referenceUrl: string | null;
  /** The reference image is still being fetched. */
  readonly referenceLoading?: boolean;
  /** The template frame (reference image size): aspect of both images and of the zone boxes. */
  readonly frame: { readonly width: number; readonly height: number };
  readonly zones: readonly OverlayZone[];
  readonly hovered: string | null;
  readonly selected: string | null;
  readonly onHover: (id: string | null) => void;
  readonly onPick: (id: string) => void;
  /** Overlay: opacity of the reference over the questioned image. */
  readonly opacity: number;
  /** Overlay: show the absolute difference of the two instead of blending them. */
  readonly difference: boolean;
  /** Flicker: which image is showing. */
  readonly showReference: boolean;
  /** Name every zone on the images. */
  readonly allLabels: boolean;
}

interface FrameProps {
  readonly label: string;
  readonly frame: ComparisonStageProps['frame'];
  readonly testId: string;
  readonly children: ReactNode;
}

function Frame({ label, frame, testId, children }: FrameProps) {
  return (
    <figure className="cmp-pane">
      <div className="cmp-frame" style={{ aspectRatio: `${frame.width} / ${frame.height}` }} data-testid={testId}>
        {children}
      </div>
      <figcaption className="cmp-pane-label">{label}</figcaption>
    </figure>
  );
}

function Picture({ url, alt, className, style, loading }: { url: string | null; alt: string; className?: string; style?: CSSProperties; loading?: boolean }) {
  if (!url) return <div className={className === 'hidden' ? 'cmp-missing hidden' : 'cmp-missing'}>{loading ? `${alt}: loading…` : `${alt}: not available`}</div>;
  return <img src={url} alt={alt} draggable={false} className={className ? `cmp-image ${className}` : 'cmp-image'} style={style} />;
}

/**
 * The questioned document and the template's reference in the same frame, with the zones on each:
 * side by side, flickering between them, or one over the other (opacity or difference).
 */
export function ComparisonStage(props: ComparisonStageProps) {
  const { mode, questionedUrl, referenceUrl, referenceLoading, frame, zones, hovered, selected, onHover, onPick, opacity, difference, showReference, allLabels } = props;
  const overlay = (pane: string) => <ZoneOverlay zones={zones} hovered={hovered} selected={selected} onHover={onHover} onPick={onPick} pane={pane} allLabels={allLabels} />;
  if (mode === 'side-by-side') {
    return (
      <div className="cmp-stage side-by-side" data-testid="comparison-stage" data-mode={mode}>
        <Frame label="Questioned (aligned to the template)" frame={frame} testId="comparison-questioned">
          <Picture url={questionedUrl} alt="Questioned document" />
          {overlay('questioned')}
        </Frame>
        <Frame label="Template reference" frame={frame} testId="comparison-reference">
          <Picture url={referenceUrl} alt="Template reference" loading={referenceLoading} />
          {overlay('reference')}
        </Frame>
      </div>
    );
  }
  if (mode === 'flicker') {
    return (
      <div className="cmp-stage single" data-testid="comparison-stage" data-mode={mode} data-showing={showReference ? 'reference' : 'questioned'}>
        <Frame label={showReference ? 'Showing: template reference' : 'Showing: questioned'} frame={frame} testId="comparison-flicker">
          <Picture url={questionedUrl} alt="Questioned document" className={showReference ? 'hidden' : undefined} />
          <Picture url={referenceUrl} alt="Template reference" className={showReference ? undefined : 'hidden'} loading={referenceLoading} />
          <span className={showReference ? 'cmp-flicker-flag reference' : 'cmp-flicker-flag'}>{showReference ? 'REFERENCE' : 'QUESTIONED'}</span>
          {overlay('flicker')}
        </Frame>
      </div>
    );
  }
  return (
    <div className="cmp-stage single" data-testid="comparison-stage" data-mode={mode}>
      <Frame label={difference ? 'Difference |questioned − reference|' : `Reference at ${Math.round(opacity * 100)} % over questioned`} frame={frame} testId="comparison-overlay">
        <Picture url={questionedUrl} alt="Questioned document" />
        <Picture url={referenceUrl} alt="Template reference" className="top" style={difference ? { mixBlendMode: 'difference', opacity: 1 } : { opacity }} loading={referenceLoading} />
        {overlay('overlay')}
      </Frame>
    </div>
  );
}
