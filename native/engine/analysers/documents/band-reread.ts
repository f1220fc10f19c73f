/**
 * A second reading of an MRZ straight from the photograph, along the MRZ band the finder's detector saw,
 * for documents whose reading from the rectified image failed or was weak. It does not depend on the
 * document's outline, so an outline that clips the last MRZ line (a pale card on a white scanner bed) or
 * sits slightly off no longer costs the reading. Character cells are mapped back onto the rectified image.
 */
import type { ReadLine } from '../../domain/mrz/types';
import { loadOpenCv, withMats } from '../../imaging/opencv';
import type { Box, GrayImage, Point, Quad } from '../../imaging/raster';
import { findMrzBands, type RotatedBand } from '../document-finder';
import { readMrzFromImage } from '../mrz-reader';
import { applyHomography, homography, type Homography } from './homography';

const CHARS: Readonly<Record<string, number>> = { TD1: 30, TD2: 36, TD3: 44 };
/** Character pitch of the strip, px: the 300-dpi pitch of OCR-B size 1 (2.54 mm), what the reader is trained on. */
const STRIP_PITCH_PX = 30;
/** Margins around the detected band: 4 % of its length at each end, half its thickness above and below (clipped glyph tops and tails). */
const LENGTH_MARGIN = 0.04;
const THICKNESS_MARGIN = 0.5;

export interface BandReading {
  readonly lines: readonly ReadLine[];
  readonly confidence: number;
}

function insideConvex(q: Quad, p: Point): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
}

function expandBand(band: RotatedBand): Quad {
  const [tl, tr, , bl] = band.quad;
  const ux = (tr[0] - tl[0]) / band.length;
  const uy = (tr[1] - tl[1]) / band.length;
  const vx = (bl[0] - tl[0]) / band.thickness;
  const vy = (bl[1] - tl[1]) / band.thickness;
  const dl = band.length * LENGTH_MARGIN;
  const dt = band.thickness * THICKNESS_MARGIN;
  const at = (along: number, across: number): Point => [tl[0] + ux * along + vx * across, tl[1] + uy * along + vy * across];
  return [at(-dl, -dt), at(band.length + dl, -dt), at(band.length + dl, band.thickness + dt), at(-dl, band.thickness + dt)];
}

function mapBox(box: Box, h: Homography): Box {
  const corners = ([[box.x, box.y], [box.x + box.width, box.y], [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]] as const).map((p) => applyHomography(h, p));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(Math.max(...xs) - x), height: Math.round(Math.max(...ys) - y) };
}

/** The MRZ bands of an image, detected once and shared by the documents of that image. */
export class BandRereader {
  private bands: Promise<RotatedBand[]> | null = null;

  constructor(private readonly gray: GrayImage) {}

  /** Read each band inside `quad` from the photograph; cells in the rectified document's coordinates. */
  async readInside(quad: Quad, rectifiedWidth: number, rectifiedHeight: number): Promise<BandReading[]> {
    this.bands ??= findMrzBands(this.gray);
    const bands = (await this.bands).filter((b) => insideConvex(quad, b.center));
    if (!bands.length) return [];
    const cv = await loadOpenCv();
    const toRectified = homography(quad, [[0, 0], [rectifiedWidth - 1, 0], [rectifiedWidth - 1, rectifiedHeight - 1], [0, rectifiedHeight - 1]]);
    if (!toRectified) return [];
    const readings: BandReading[] = [];
    withMats((track) => {
      const src = track(new cv.Mat(this.gray.height, this.gray.width, cv.CV_8UC1));
      src.data.set(this.gray.data);
      for (const band of bands) {
        const chars = band.charsPerLine ?? (band.format ? CHARS[band.format] : undefined);
        if (!chars) continue;
        const region = expandBand(band);
        const scale = STRIP_PITCH_PX / (band.length / chars);
        const width = Math.min(2400, Math.round(band.length * (1 + 2 * LENGTH_MARGIN) * scale));
        const height = Math.min(600, Math.round(band.thickness * (1 + 2 * THICKNESS_MARGIN) * scale));
        const stripCorners: Quad = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
        const from = track(cv.matFromArray(4, 1, cv.CV_32FC2, region.flatMap((p) => [p[0], p[1]])));
        const to = track(cv.matFromArray(4, 1, cv.CV_32FC2, stripCorners.flatMap((p) => [p[0], p[1]])));
        const m = track(cv.getPerspectiveTransform(from, to));
        const strip = track(new cv.Mat());
        cv.warpPerspective(src, strip, m, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
        const reading = readMrzFromImage({ width, height, data: new Uint8Array(strip.data) });
        const back = homography(stripCorners, region);
        if (!reading || !back) continue;
        const stripToRectified = (b: Box) => mapBox(mapBox(b, back), toRectified);
        readings.push({
          confidence: reading.confidence,
          lines: reading.lines.map((line) => ({
            chars: line.chars.map((c) => ({ candidates: c.candidates, ...(c.box ? { box: stripToRectified(c.box) } : {}) })),
            ...(line.box ? { box: stripToRectified(line.box) } : {}),
          })),
        });
      }
    });
    return readings;
  }
}
