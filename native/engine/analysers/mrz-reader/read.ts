/**
 * The MRZ reader API: locate the zone, rectify each line, cut it into its N fixed-pitch cells and classify
 * every cell with the OCR-B model, returning ranked candidates with calibrated scores per position.
 */
import { performance } from 'node:perf_hooks';
import type { ReadChar, ReadLine } from '../../domain/mrz/types';
import type { Box, GrayImage } from '../../imaging/raster';
import { rotateGray180 } from '../../imaging/raster';
import { cellFeatures } from './cell-features';
import { sampleLineStrip } from './line-strip';
import type { MrzLocation } from './locate';
import { locateMrz } from './locate';
import type { OcrbModel } from './model';
import { classifyCell, loadOcrbModel, topCandidates } from './model';
import { segmentLine } from './segment';

/** Options of {@link readMrzFromImage}. */
export interface ReadMrzOptions {
  /** Classifier to use; the shipped model by default. */
  readonly model?: OcrbModel;
  /**
   * `auto` (default): read upright, and also turned by 180 degrees when the upright reading is not
   * confident; the more confident reading wins. `0` / `180`: only that orientation.
   */
  readonly orientation?: 'auto' | 0 | 180;
  /** Candidates kept per character (default 5, at least 1). */
  readonly candidates?: number;
}

/** The result of reading an MRZ. Boxes are in the coordinates of the image given to the reader. */
export interface MrzReading {
  /** Location in the coordinates of the image turned by `orientation` (as the locator saw it). */
  readonly location: MrzLocation;
  readonly orientation: 0 | 180;
  readonly lines: readonly ReadLine[];
  /** Geometric mean of the best candidates' scores over all positions (0..1). */
  readonly confidence: number;
  readonly timings: { readonly locateMs: number; readonly readMs: number };
}

// Mean best-candidate score above which an upright reading is accepted without trying 180 degrees: upside-
// down OCR-B reads at ~0.3-0.5 on average, clean upright text at > 0.95.
const CONFIDENT_UPRIGHT = 0.8;
const DEFAULT_CANDIDATES = 5;

/** Read the lines of an already located MRZ. Boxes are in `image` coordinates. */
export function readMrzAtLocation(image: GrayImage, location: MrzLocation, options: ReadMrzOptions = {}): { lines: ReadLine[]; confidence: number } {
  const model = options.model ?? loadOcrbModel();
  const keep = Math.max(1, options.candidates ?? DEFAULT_CANDIDATES);
  const lines: ReadLine[] = [];
  let logSum = 0;
  let count = 0;
  for (const geometry of location.lines) {
    const strip = sampleLineStrip(image, geometry, location.charsPerLine);
    const segmented = segmentLine(strip, location.charsPerLine);
    const chars: ReadChar[] = [];
    for (let k = 0; k < location.charsPerLine; k++) {
      const cell = cellFeatures(segmented, k);
      const probabilities = classifyCell(model, cell.features);
      const candidates = topCandidates(model, probabilities, keep);
      logSum += Math.log(Math.max(1e-6, candidates[0]!.score));
      count++;
      chars.push({ candidates, box: cell.imageBox });
    }
    lines.push({ chars, box: hull(chars.map((c) => c.box!)) });
  }
  return { lines, confidence: count > 0 ? Math.exp(logSum / count) : 0 };
}

function hull(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function unrotateBox(box: Box, width: number, height: number): Box {
  return { x: width - box.x - box.width, y: height - box.y - box.height, width: box.width, height: box.height };
}

function unrotateLines(lines: readonly ReadLine[], width: number, height: number): ReadLine[] {
  return lines.map((line) => ({
    chars: line.chars.map((c) => ({ candidates: c.candidates, box: c.box && unrotateBox(c.box, width, height) })),
    box: line.box && unrotateBox(line.box, width, height),
  }));
}

interface Attempt {
  readonly location: MrzLocation;
  readonly orientation: 0 | 180;
  readonly lines: ReadLine[];
  readonly confidence: number;
}

/**
 * Locate and read the MRZ of `image` (a rectified card or page, a flat scan, or an upright photo region).
 * Null when no block of text lines fits an MRZ layout.
 */
export function readMrzFromImage(image: GrayImage, options: ReadMrzOptions = {}): MrzReading | null {
  const mode = options.orientation ?? 'auto';
  let locateMs = 0;
  let readMs = 0;
  const attempt = (orientation: 0 | 180): Attempt | null => {
    const t0 = performance.now();
    const view = orientation === 180 ? rotateGray180(image) : image;
    const location = locateMrz(view);
    const t1 = performance.now();
    locateMs += t1 - t0;
    if (!location) return null;
    const read = readMrzAtLocation(view, location, options);
    readMs += performance.now() - t1;
    const lines = orientation === 180 ? unrotateLines(read.lines, image.width, image.height) : read.lines;
    return { location, orientation, lines, confidence: read.confidence };
  };
  let best: Attempt | null = mode === 180 ? attempt(180) : attempt(0);
  if (mode === 'auto' && (!best || best.confidence < CONFIDENT_UPRIGHT)) {
    const turned = attempt(180);
    if (turned && (!best || turned.confidence > best.confidence)) best = turned;
  }
  if (!best) return null;
  return { ...best, timings: { locateMs, readMs } };
}

/** The best candidate of every position, line by line. */
export function bestLines(lines: readonly ReadLine[]): string[] {
  return lines.map((line) => line.chars.map((c) => c.candidates[0]!.char).join(''));
}
