/**
 * Loads a stored map (8-bit greyscale PNG served as the item's `artifact-<id>` asset) and colours it for
 * drawing. Where the page may read the pixels back (browser mode: same origin) the map is coloured once on
 * a cell-sized canvas and its grey levels kept for the value under the pointer; where it may not (Electron:
 * the asset protocol is another origin, so the canvas is tainted) the PNG is drawn through the SVG colour
 * filter of `MapColourFilter` instead, with the same colours and no read-out.
 */
import { useEffect, useState } from 'react';
import type { ForensicMapView } from '../../../../native/engine/contract';
import { colorize, colormapLut, mapTransform } from './map-render';
import type { Matrix } from './map-render';

export interface MapRaster {
  /** The map in stored orientation, one pixel per cell: coloured, or the grey PNG when `filter` is set. */
  readonly source: CanvasImageSource;
  /** Canvas filter colouring `source` while it is drawn (`url(#…)`), or null when `source` is coloured. */
  readonly filter: string | null;
  /** Grey level per cell, row-major, when the pixels could be read. */
  readonly levels: Uint8Array | null;
}

/** Id of the SVG filter that colours a map of this polarity (see MapColourFilter). */
export function colourFilterId(higherIsSuspicious: boolean): string {
  return higherIsSuspicious ? 'forensic-map-colour-up' : 'forensic-map-colour-down';
}

async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
  await image.decode();
  return image;
}

/** Colour the map on a canvas of its own size, or null when the browser refuses to read its pixels. */
function colouredCanvas(image: HTMLImageElement, map: ForensicMapView): { canvas: HTMLCanvasElement; levels: Uint8Array } | null {
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = map.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(image, 0, 0, map.width, map.height);
  let pixels: ImageData;
  try {
    pixels = ctx.getImageData(0, 0, map.width, map.height);
  } catch {
    return null; // tainted by a cross-origin asset
  }
  const { levels } = colorize(pixels.data, colormapLut(map.higherIsSuspicious), pixels.data);
  ctx.putImageData(pixels, 0, 0);
  return { canvas, levels };
}

/** The selected map, ready to draw; `null` while it loads. */
export function useMapRaster(url: string | null, map: ForensicMapView | null): { raster: MapRaster | null; error: string | null } {
  const [state, setState] = useState<{ artifactId: number; raster: MapRaster | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!url || !map) return;
    let current = true;
    loadImage(url).then(
      (image) => {
        if (!current) return;
        const coloured = colouredCanvas(image, map);
        setState({
          artifactId: map.artifactId,
          raster: coloured
            ? { source: coloured.canvas, filter: null, levels: coloured.levels }
            : { source: image, filter: `url(#${colourFilterId(map.higherIsSuspicious)})`, levels: null },
          error: null,
        });
      },
      () => {
        if (current) setState({ artifactId: map.artifactId, raster: null, error: `The map ${map.name} could not be loaded.` });
      },
    );
    return () => {
      current = false;
    };
  }, [url, map]);
  // An answer for another map (the previous selection) is not shown.
  const own = state && map && state.artifactId === map.artifactId ? state : null;
  return { raster: own?.raster ?? null, error: own?.error ?? null };
}

/** Draw `raster` (map `map`) with `view` taking upright image pixels to the canvas; cells past the image fall outside and are cropped. */
export function drawMap(ctx: CanvasRenderingContext2D, raster: MapRaster, map: ForensicMapView, view: Matrix): void {
  ctx.save();
  // Cells are measurements: show them as blocks, never interpolated between.
  ctx.imageSmoothingEnabled = false;
  ctx.setTransform(...mapTransform(map, view));
  if (raster.filter) ctx.filter = raster.filter;
  ctx.drawImage(raster.source, 0, 0, map.width, map.height);
  ctx.restore();
}
