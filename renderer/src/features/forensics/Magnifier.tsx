import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { ForensicMapView } from '../../../../native/engine/contract';
import { lensOrigin, multiply, viewTransform } from './map-render';
import { drawMap } from './useMapRaster';
import type { MapRaster } from './useMapRaster';
import type { StagePointer } from './ViewerStage';

/** Side of each lens in screen pixels. */
const LENS_PX = 168;
/** Screen pixels per upright image pixel: 4x the original's own pixels, so 8x8 JPEG blocks are 32 px wide. */
export const LENS_ZOOM = 4;
/** Gap between the pointer and the lens, so the lens never hides what the pointer is on. */
const OFFSET_PX = 24;

export interface MagnifierProps {
  readonly pointer: StagePointer;
  readonly imageRef: RefObject<HTMLImageElement | null>;
  readonly map: ForensicMapView | null;
  readonly raster: MapRaster | null;
  readonly space: { readonly width: number; readonly height: number };
}

/** Two lenses following the pointer: the original and the map at that point, 4x, with a cross at the point. */
export function Magnifier({ pointer, imageRef, map, raster, space }: MagnifierProps) {
  const originalRef = useRef<HTMLCanvasElement | null>(null);
  const mapRef = useRef<HTMLCanvasElement | null>(null);
  const { x0, y0 } = lensOrigin(pointer.x, pointer.y, LENS_PX, LENS_ZOOM);

  useEffect(() => {
    const view = viewTransform(LENS_ZOOM, x0, y0);
    const image = imageRef.current;
    const original = originalRef.current?.getContext('2d');
    if (original) {
      original.setTransform(1, 0, 0, 1, 0, 0);
      original.clearRect(0, 0, LENS_PX, LENS_PX);
      if (image && image.complete && image.naturalWidth > 0) {
        // The preview may be smaller than the image (generated previews): scale its pixels to upright image pixels.
        original.imageSmoothingEnabled = false;
        original.setTransform(...multiply(view, [space.width / image.naturalWidth, 0, 0, space.height / image.naturalHeight, 0, 0]));
        original.drawImage(image, 0, 0);
      }
    }
    const lens = mapRef.current?.getContext('2d');
    if (lens) {
      lens.setTransform(1, 0, 0, 1, 0, 0);
      lens.clearRect(0, 0, LENS_PX, LENS_PX);
      if (map && raster) drawMap(lens, raster, map, view);
    }
  }, [x0, y0, imageRef, map, raster, space]);

  const width = LENS_PX * 2 + 6;
  const left = pointer.clientX + OFFSET_PX + width > window.innerWidth ? pointer.clientX - OFFSET_PX - width : pointer.clientX + OFFSET_PX;
  const top = Math.max(4, Math.min(window.innerHeight - LENS_PX - 26, pointer.clientY - LENS_PX / 2));
  return (
    <div className="fv-magnifier" style={{ left, top }} data-testid="magnifier" aria-hidden="true">
      {[
        { ref: originalRef, label: 'Original 4×', dark: false },
        { ref: mapRef, label: 'Map 4×', dark: true },
      ].map(({ ref, label, dark }) => (
        <figure key={label} className={dark ? 'fv-lens dark' : 'fv-lens'}>
          <canvas ref={ref} width={LENS_PX} height={LENS_PX} />
          <span className="fv-lens-cross" style={{ top: LENS_PX / 2 }} />
          <figcaption>{label}</figcaption>
        </figure>
      ))}
    </div>
  );
}
