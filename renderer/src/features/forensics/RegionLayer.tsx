import type { BoxView } from '../../../../native/engine/contract';

export interface DrawnRegion {
  readonly findingId: number;
  readonly box: BoxView;
  readonly selected: boolean;
  readonly hovered: boolean;
}

export interface RegionLayerProps {
  /** Upright image size: regions are in upright item pixels. */
  readonly space: { readonly width: number; readonly height: number };
  readonly regions: readonly DrawnRegion[];
  readonly onHover: (findingId: number | null) => void;
  readonly onPick: (findingId: number) => void;
}

/** Finding regions drawn over an image or map; hovering one highlights its finding, clicking selects it. */
export function RegionLayer({ space, regions, onHover, onPick }: RegionLayerProps) {
  if (regions.length === 0) return null;
  // The selected region last, so it is drawn on top of the others.
  const ordered = [...regions].sort((a, b) => Number(a.selected) - Number(b.selected));
  return (
    <svg className="fv-regions" viewBox={`0 0 ${space.width} ${space.height}`} preserveAspectRatio="none" aria-hidden="true">
      {ordered.map((r) => (
        <rect
          key={r.findingId}
          x={r.box.x}
          y={r.box.y}
          width={r.box.width}
          height={r.box.height}
          className={['fv-region', r.selected ? 'selected' : '', r.hovered ? 'hovered' : ''].filter(Boolean).join(' ')}
          data-testid="finding-region"
          data-finding-id={r.findingId}
          data-selected={r.selected}
          onMouseEnter={() => onHover(r.findingId)}
          onMouseLeave={() => onHover(null)}
          onClick={() => onPick(r.findingId)}
        />
      ))}
    </svg>
  );
}
