/**
 * Labelled cell features from synthetic zones, produced by the reader's own locator and segmenter (so the
 * classifier trains on exactly what it will see). A zone whose located grid misses the true cell
 * centres by more than a quarter pitch is counted as a locator failure and left out.
 */
import { MRZ_ALPHABET } from '../../../domain/mrz/types';
import type { GrayImage, Point } from '../../../imaging/raster';
import { cellFeatures, FEATURE_LENGTH } from '../cell-features';
import { sampleLineStrip, stripToImage } from '../line-strip';
import { locateMrz } from '../locate';
import { segmentLine } from '../segment';
import { degrade, randomDegradation } from './degrade';
import { SeededRandom } from './random';
import { randomRenderSpec, renderMrz } from './synth-image';

/** Cells in one flat buffer: `features[i * FEATURE_LENGTH ...]`, label index into MRZ_ALPHABET. */
export interface CellDataset {
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  /** Which zone line each cell came from (for line accuracy). */
  readonly lineIds: Int32Array;
  readonly count: number;
  readonly zones: number;
  readonly locatorFailures: number;
}

/** Options of {@link buildCellDataset}. */
export interface DatasetOptions {
  /** Zones are generated from seeds `firstSeed .. firstSeed + zones - 1`. */
  readonly firstSeed: number;
  readonly zones: number;
  /** Probability of an extra copy of a cell with its centre moved by up to ±0.12 pitch (grid error). */
  readonly shiftedCopies: number;
  readonly onProgress?: (done: number) => void;
}

// A located grid counts as right when its end cells are within a quarter pitch of the truth; beyond that
// some cells would be labelled with their neighbour's character.
const MAX_GRID_ERROR = 0.25;

function gridMatches(image: GrayImage, truth: { starts: readonly Point[]; ends: readonly Point[]; pitch: number }, lines: ReturnType<typeof locateMrz>): boolean {
  if (!lines || lines.lines.length !== truth.starts.length) return false;
  return lines.lines.every((l, k) => {
    const strip = sampleLineStrip(image, l, lines.charsPerLine);
    const segmented = segmentLine(strip, lines.charsPerLine);
    const first = stripToImage(strip, segmented.cellCentres[0]!, strip.centreY);
    const last = stripToImage(strip, segmented.cellCentres[lines.charsPerLine - 1]!, strip.centreY);
    const e1 = Math.hypot(first[0] - truth.starts[k]![0], first[1] - truth.starts[k]![1]);
    const e2 = Math.hypot(last[0] - truth.ends[k]![0], last[1] - truth.ends[k]![1]);
    return Math.max(e1, e2) <= MAX_GRID_ERROR * truth.pitch * 1.5;
  });
}

/** Render, degrade, locate, segment and featurise `options.zones` zones. */
export async function buildCellDataset(options: DatasetOptions): Promise<CellDataset> {
  const chunks: Float32Array[] = [];
  const labels: number[] = [];
  const lineIds: number[] = [];
  let failures = 0;
  let lineId = 0;
  for (let z = 0; z < options.zones; z++) {
    const random = new SeededRandom(options.firstSeed + z);
    const spec = randomRenderSpec(random);
    const rendered = await renderMrz(random, spec);
    const image = await degrade(rendered.image, randomDegradation(random, spec.charHeight), random);
    const location = locateMrz(image);
    if (!location || location.charsPerLine !== rendered.lines[0]!.length || !gridMatches(image, rendered, location)) {
      failures++;
      lineId += rendered.lines.length;
      continue;
    }
    location.lines.forEach((geometry, li) => {
      const segmented = segmentLine(sampleLineStrip(image, geometry, location.charsPerLine), location.charsPerLine);
      const text = rendered.lines[li]!;
      for (let k = 0; k < text.length; k++) {
        const label = MRZ_ALPHABET.indexOf(text[k]!);
        chunks.push(cellFeatures(segmented, k).features);
        labels.push(label);
        lineIds.push(lineId);
        if (random.chance(options.shiftedCopies)) {
          chunks.push(cellFeatures(segmented, k, random.range(-0.12, 0.12)).features);
          labels.push(label);
          lineIds.push(-1); // shifted copies are not part of any line
        }
      }
      lineId++;
    });
    options.onProgress?.(z + 1);
  }
  const features = new Float32Array(chunks.length * FEATURE_LENGTH);
  chunks.forEach((c, i) => features.set(c, i * FEATURE_LENGTH));
  return { features, labels: Uint8Array.from(labels), lineIds: Int32Array.from(lineIds), count: chunks.length, zones: options.zones, locatorFailures: failures };
}
