import { useRef } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { ForensicMapView } from '../../../../native/engine/contract';
import { MapCanvas } from './MapCanvas';
import { RegionLayer } from './RegionLayer';
import type { DrawnRegion } from './RegionLayer';
import type { MapRaster } from './useMapRaster';
import { fitInto, useElementSize } from './useElementSize';

export type ViewMode = 'overlay' | 'side-by-side';

/** A pointer position over the image: upright image pixels, and where it is on screen. */
export interface StagePointer {
  readonly x: number;
  readonly y: number;
  readonly clientX: number;
  readonly clientY: number;
}

export interface ViewerStageProps {
  readonly imageUrl: string;
  readonly imageAlt: string;
  readonly imageRef: RefObject<HTMLImageElement | null>;
  /** Upright image size in pixels: the space of maps (once turned) and of finding regions. */
  readonly space: { readonly width: number; readonly height: number };
  readonly map: ForensicMapView | null;
  readonly raster: MapRaster | null;
  readonly mode: ViewMode;
  readonly opacity: number;
  readonly regions: readonly DrawnRegion[];
  readonly onRegionHover: (findingId: number | null) => void;
  readonly onRegionPick: (findingId: number) => void;
  readonly onPointer: (pointer: StagePointer | null) => void;
}

interface PaneProps {
  readonly space: ViewerStageProps['space'];
  readonly label: string;
  readonly dark?: boolean;
  readonly testId: string;
  readonly onPointer: ViewerStageProps['onPointer'];
  readonly children: ReactNode;
}

/** One pane of the stage: a frame with the image's aspect, fitted to the pane, reporting the pointer in image pixels. */
function Pane({ space, label, dark, testId, onPointer, children }: PaneProps) {
  const ref = useRef<HTMLDivElement | null>(null);
  const fitted = fitInto(useElementSize(ref), space);
  return (
    <div className="fv-pane" ref={ref} aria-label={label}>
      <div
        className={dark ? 'fv-frame dark' : 'fv-frame'}
        style={{ width: fitted.width, height: fitted.height }}
        data-testid={testId}
        onPointerMove={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0) return;
          const x = ((event.clientX - rect.left) / rect.width) * space.width;
          const y = ((event.clientY - rect.top) / rect.height) * space.height;
          onPointer({ x, y, clientX: event.clientX, clientY: event.clientY });
        }}
        onPointerLeave={() => onPointer(null)}
      >
        {children}
      </div>
      <span className="fv-pane-label">{label}</span>
    </div>
  );
}

/** The preview with the selected map over it (overlay) or beside it (side by side), and the finding regions on both. */
export function ViewerStage(props: ViewerStageProps) {
  const { imageUrl, imageAlt, imageRef, space, map, raster, mode, opacity, regions, onRegionHover, onRegionPick, onPointer } = props;
  const layer = <RegionLayer space={space} regions={regions} onHover={onRegionHover} onPick={onRegionPick} />;
  const image = <img ref={imageRef} src={imageUrl} alt={imageAlt} draggable={false} className="fv-image" data-testid="forensic-image" />;
  return (
    <div className={`fv-stage ${mode}`} data-testid="forensic-stage" data-mode={mode}>
      <Pane space={space} label={mode === 'overlay' ? 'Image with map' : 'Image'} testId="forensic-frame-image" onPointer={onPointer}>
        {image}
        {mode === 'overlay' && map && <MapCanvas map={map} raster={raster} space={space} opacity={opacity} testId="forensic-map-canvas" />}
        {layer}
      </Pane>
      {mode === 'side-by-side' && (
        <Pane space={space} label="Map" dark testId="forensic-frame-map" onPointer={onPointer}>
          {map && <MapCanvas map={map} raster={raster} space={space} opacity={1} testId="forensic-map-canvas" />}
          {layer}
        </Pane>
      )}
    </div>
  );
}
