import type { SpecimenView } from '../../../../native/engine/contract';
import { IMAGE_FILES, PickPathButton } from './PickPathButton';
import type { DraftSide } from './template-draft';

export interface SpecimenBarProps {
  readonly side: DraftSide;
  /** What `templates.specimen` returned for this side in this session, if anything. */
  readonly specimen: SpecimenView | null;
  readonly loading: boolean;
  readonly onPick: (path: string) => void;
  readonly onError: (message: string) => void;
}

/** Choose the genuine specimen image of a side; what the engine found on it (straightening, size class, MRZ). */
export function SpecimenBar({ side, specimen, loading, onPick, onError }: SpecimenBarProps) {
  const image = side.image;
  return (
    <div className="ze-specimen-bar">
      <PickPathButton
        label={loading ? 'Straightening…' : image?.draftImageId ? 'Choose another specimen…' : 'Choose specimen image…'}
        title={`Choose the genuine specimen image for the ${side.name} side`}
        mode="file"
        accept={IMAGE_FILES}
        onPick={onPick}
        onError={onError}
        disabled={loading}
        className={image?.draftImageId ? undefined : 'primary'}
        testId="specimen-button"
      />
      {image && (
        <span className="muted" data-testid="specimen-info" data-draft-image={image.draftImageId ?? ''}>
          {image.width} × {image.height} px · {image.draftImageId ? `straightened by ${image.method}` : image.method}
          {specimen?.sizeClass ? ` · size class ${specimen.sizeClass}` : ''}
          {specimen ? (specimen.mrz ? ` · MRZ ${specimen.mrz.format ?? '?'} read (${specimen.mrz.valid ? 'checks hold' : 'checks fail'})` : ' · no MRZ read') : ''}
        </span>
      )}
    </div>
  );
}
