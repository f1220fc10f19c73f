import { useEffect, useRef } from 'react';
import type { ForensicMapView } from '../../../../native/engine/contract';
import { canvasScale, viewTransform } from './map-render';
import { drawMap } from './useMapRaster';
import type { MapRaster } from './useMapRaster';

/**
 * Long side of the map canvas: one canvas pixel per image pixel up to here (a 2048 px canvas is 16 MB of
 * RGBA), scaled down beyond; the display scales it to the frame, and the magnifier draws from the map itself.
 */
const MAX_CANVAS_SIDE = 2048;

export interface MapCanvasProps {
  readonly map: ForensicMapView;
  readonly raster: MapRaster | null;
  /** Upright image size in pixels: the canvas covers exactly the image. */
  readonly space: { readonly width: number; readonly height: number };
  readonly opacity: number;
  readonly testId?: string;
}

/** The selected map, coloured, turned upright and scaled to cover the image (overhanging cells cropped). */
export function MapCanvas({ map, raster, space, opacity, testId }: MapCanvasProps) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const scale = canvasScale(space.width, space.height, MAX_CANVAS_SIDE);
  const width = Math.max(1, Math.round(space.width * scale));
  const height = Math.max(1, Math.round(space.height * scale));

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (raster) drawMap(ctx, raster, map, viewTransform(scale));
  }, [raster, map, scale, width, height]);

  return (
    <canvas
      ref={ref}
      className="fv-map-canvas"
      width={width}
      height={height}
      style={{ opacity }}
      data-testid={testId}
      data-artifact-id={map.artifactId}
      data-ready={raster ? 'true' : 'false'}
      aria-label={`Map ${map.name}`}
      role="img"
    />
  );
}
