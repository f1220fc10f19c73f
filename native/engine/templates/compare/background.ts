/**
 * `background` check of security zones printed with fine-line background (`feature: background-print`):
 * the guilloche is the same on every genuine card of a model, so after alignment its band-passed image
 * matches the reference's in phase. Measures the ZNCC of the band-passed questioned and reference zone
 * (robust to exposure and contrast), with strong ink (labels, values, the header band) painted out of
 * both and the portrait, signature and MRZ zones masked, over a +-3 px shift search and against the
 * reference band-passed at the blur that best matches the capture; the band-pass energy ratio
 * (questioned / reference); and the same ZNCC per block of 24 px, so a local patch (a re-typed field
 * covered with a flat patch) shows as a region of the zone, reported as its own result (only when the
 * zone as a whole matches).
 *
 * Reference: difference-of-Gaussians band-pass and ZNCC template matching (J. P. Lewis, "Fast normalized
 * cross-correlation", 1995). Known false positives: a capture blurred beyond sigma ~2 px (the lines
 * vanish; the energy ratio shows it), moire from a photographed screen, local misalignment over 3 px
 * (a bent card), dirt or a sticker over the print.
 */
import type { Box, RgbImage } from '../../imaging/raster';
import type { BandPassed } from './band-pass';
import { bandPass } from './band-pass';
import type { Window } from './correlation';
import { bestShiftZncc, windowZncc } from './correlation';
import { measuredResult, notMeasured, ramp } from './deviation';
import { dilate } from './morphology';
import { growRect, median } from './raster-ops';
import type { ZoneComparison } from './types';

// Shift search (px): the alignment residual is <= ~2 px.
const MAX_SHIFT = 3;
// Blur levels (extra Gaussian sigma, px) at which the reference is band-passed: a capture is compared
// at the level that correlates best (genuine captures at blur sigma 1 pick 0.9-1.2).
const BLUR_LEVELS: readonly number[] = [0, 0.6, 0.9, 1.2, 1.6, 2.0, 2.5];
// Variable content (portrait, signature, MRZ) is masked with this margin (px).
const EXCLUDE_MARGIN = 3;
// Strong ink is masked 2 px beyond its painted-out area (its blur halo).
const INK_MARGIN = 2;
// Blocks for the local check (px): 24 px = 2 mm; a patch over a 34 px value line covers a row of them.
const BLOCK = 24;
// A block is judged when 40 % of its pixels are usable and its reference band energy is at least 40 %
// of the zone's median block (blocks crossed by no guilloche line carry no pattern to match).
const BLOCK_MIN_USABLE = 0.4;
const BLOCK_MIN_ENERGY = 0.4;
// Whole zone ZNCC: genuine captures measured >= 0.87 (4 holders x 6 captures; blur 1 + JPEG 60 + 2 px
// shift the lowest); guilloche removed 0.26, another model's pattern 0.07. 0 down to 0.6, 1 from 0.35.
const ZONE_OK = 0.6;
const ZONE_FULL = 0.35;
// On captures blurred by sigma 1.6 px or more (the capture's blur as the text zones measured it, compare.ts; not
// this check's own best level, which a missing pattern can put anywhere) the fine lines are mostly gone and
// genuine captures correlate lower: development seeds, capture blur 1.6-1.85 px: genuine 0.467-0.604, guilloche
// missing 0.01-0.10; at 1.2-1.5 px genuine >= 0.63. 0 down to 0.42, 1 from 0.2.
const HEAVY_CAPTURE_BLUR_PX = 1.6;
const ZONE_OK_HEAVY_BLUR = 0.42;
const ZONE_FULL_HEAVY_BLUR = 0.2;
// Block ZNCC: a block is low under 0.25 (genuine captures: 0-2 isolated blocks of ~240 at 0.2-0.25 after
// blur 1); a region of low blocks deviates 0 at a mean of 0.25, 1 from 0.1 (a flat patch: 0.01).
const BLOCK_LOW = 0.25;
const BLOCK_FULL = 0.1;
// A region needs 2 adjacent low blocks (about 2 x 4 mm): single low blocks occur on genuine blurred
// captures where one line crosses a corner.
const MIN_REGION_BLOCKS = 2;

interface Block {
  readonly window: Window;
  readonly bx: number;
  readonly by: number;
}

/** The reference side of one background zone. */
export interface BackgroundReference {
  readonly zoneId: string;
  readonly rect: Box;
  /** The reference band-passed at each of BLOCK_LEVELS' blurs (same rectangle). */
  readonly levels: readonly BandPassed[];
  /** 1 = usable pixel (zone, not variable content, not reference ink), in the band rectangle's coordinates. */
  readonly usable: Uint8Array;
  readonly blocks: readonly Block[];
  readonly window: Window;
}

/** Prepare a background zone: `excluded` are the rectangles of variable content (image px). */
export function prepareBackground(reference: RgbImage, zoneId: string, rect: Box, excluded: readonly Box[]): BackgroundReference | { readonly failure: string } {
  if (rect.width < 2 * BLOCK || rect.height < 2 * BLOCK) return { failure: `the zone is ${rect.width} x ${rect.height} px, smaller than 2 x 2 blocks of ${BLOCK} px` };
  const grown = growRect(rect, MAX_SHIFT + 3, MAX_SHIFT + 3, MAX_SHIFT + 3, MAX_SHIFT + 3, reference.width, reference.height);
  const levels = BLUR_LEVELS.map((b) => bandPass(reference, grown, b));
  const sharp = levels[0]!;
  const w = grown.width;
  const h = grown.height;
  const usable = new Uint8Array(w * h);
  const inkNear = dilate(sharp.ink, w, h, INK_MARGIN);
  const window = { x0: rect.x - grown.x, y0: rect.y - grown.y, x1: rect.x - grown.x + rect.width, y1: rect.y - grown.y + rect.height };
  for (let y = window.y0; y < window.y1; y++) for (let x = window.x0; x < window.x1; x++) usable[y * w + x] = inkNear[y * w + x] ? 0 : 1;
  for (const e of excluded) {
    for (let y = Math.max(0, e.y - EXCLUDE_MARGIN - grown.y); y < Math.min(h, e.y + e.height + EXCLUDE_MARGIN - grown.y); y++) {
      for (let x = Math.max(0, e.x - EXCLUDE_MARGIN - grown.x); x < Math.min(w, e.x + e.width + EXCLUDE_MARGIN - grown.x); x++) usable[y * w + x] = 0;
    }
  }
  const candidates: (Block & { energy: number; share: number })[] = [];
  for (let by = 0; window.y0 + (by + 1) * BLOCK <= window.y1; by++) {
    for (let bx = 0; window.x0 + (bx + 1) * BLOCK <= window.x1; bx++) {
      const win = { x0: window.x0 + bx * BLOCK, y0: window.y0 + by * BLOCK, x1: window.x0 + (bx + 1) * BLOCK, y1: window.y0 + (by + 1) * BLOCK };
      const stats = windowZncc(sharp.band, sharp.band, win, 0, 0, usable);
      candidates.push({ window: win, bx, by, energy: stats.stdReference, share: stats.count / (BLOCK * BLOCK) });
    }
  }
  const typical = median(candidates.filter((c) => c.share > 0).map((c) => c.energy));
  const blocks = candidates.filter((c) => c.share >= BLOCK_MIN_USABLE && c.energy >= BLOCK_MIN_ENERGY * typical).map(({ window: win, bx, by }) => ({ window: win, bx, by }));
  return { zoneId, rect, levels, usable, blocks, window };
}

/**
 * Compare the questioned background print with the reference's (see the module comment).
 * @param aligned the questioned side in the reference frame; `ref` the zone's prepared print
 * @param captureBlurSigmaPx the capture's blur as the text zones measured it (null: unknown, judged as sharp)
 * @returns the zone's result, then one result per region of deviating blocks
 */
export function compareBackground(aligned: RgbImage, ref: BackgroundReference, captureBlurSigmaPx: number | null = null): ZoneComparison[] {
  const first = ref.levels[0]!;
  const q = bandPass(aligned, first.rect);
  const w = first.rect.width;
  const h = first.rect.height;
  const qInk = dilate(q.ink, w, h, INK_MARGIN);
  const mask = new Uint8Array(ref.usable.length);
  let usableCount = 0;
  for (let i = 0; i < mask.length; i++) {
    if (ref.usable[i] && !qInk[i]) {
      mask[i] = 1;
      usableCount++;
    }
  }
  // 2000 px (a 45 px square): below that the zone is mostly covered by ink or content.
  if (usableCount < 2000) return [notMeasured(ref.zoneId, 'background', ref.rect, `only ${usableCount} px of background print are free of ink and content`)];
  // Every third row and column for the shift search: 1/9 of the pixels still hold ~25 000 samples.
  const coarse = bestShiftZncc(q.band, first.band, ref.window, MAX_SHIFT, mask, 0, 0, 3);
  let level = 0;
  let best = -Infinity;
  ref.levels.forEach((l, k) => {
    const c = windowZncc(q.band, l.band, ref.window, coarse.dx, coarse.dy, mask, 2).zncc;
    if (c > best) {
      best = c;
      level = k;
    }
  });
  const band = ref.levels[level]!.band;
  const refined = bestShiftZncc(q.band, band, ref.window, 1, mask, coarse.dx, coarse.dy, 2);
  const whole = bestShiftZncc(q.band, band, ref.window, 0, mask, refined.dx, refined.dy);
  const energyRatio = whole.stdReference > 0 ? whole.stdQuestioned / whole.stdReference : 0;
  // Blocks at the zone's shift; those under 0.5 there get a +-1 px search (local warp of a bent card).
  const scores = ref.blocks.map((b) => {
    const at = windowZncc(q.band, band, b.window, whole.dx, whole.dy, mask).zncc;
    return { block: b, zncc: at >= 0.5 ? at : bestShiftZncc(q.band, band, b.window, 1, mask, whole.dx, whole.dy).zncc };
  });
  const heavyBlur = captureBlurSigmaPx !== null && captureBlurSigmaPx >= HEAVY_CAPTURE_BLUR_PX;
  const [zoneOk, zoneFull] = heavyBlur ? [ZONE_OK_HEAVY_BLUR, ZONE_FULL_HEAVY_BLUR] : [ZONE_OK, ZONE_FULL];
  // Regions only where the zone as a whole matches (when it does not, the zone result is the finding and low blocks
  // are everywhere), and not on heavily blurred captures: 24 px blocks then carry too little of the pattern
  // (genuine blocks fall under BLOCK_LOW in groups; development seeds, capture blur 1.8 px).
  const regions = whole.zncc >= zoneOk && !heavyBlur ? lowRegions(scores, first.rect) : [];
  const lowCount = scores.filter((b) => b.zncc < BLOCK_LOW).length;
  const deviation = Math.max(ramp(whole.zncc, zoneOk, zoneFull), ...regions.map((r) => r.deviation));
  const results: ZoneComparison[] = [
    measuredResult(
      ref.zoneId,
      'background',
      ref.rect,
      {
        bandZncc: whole.zncc,
        bandEnergyRatio: energyRatio,
        matchedBlurSigmaPx: BLUR_LEVELS[level]!,
        shiftXPx: whole.dx,
        shiftYPx: whole.dy,
        blocksJudged: scores.length,
        blocksLow: lowCount,
        worstBlockZncc: Math.min(1, ...scores.map((b) => b.zncc)),
      },
      { bandZnccMin: zoneOk, bandEnergyRatio: 1, blockZnccMin: BLOCK_LOW },
      deviation,
      `background print correlates ${whole.zncc.toFixed(2)} with the template's after band-pass (energy ${Math.round(energyRatio * 100)} % of the template's, ` +
        `shift ${whole.dx}, ${whole.dy} px); ${lowCount} of ${scores.length} blocks of ${BLOCK} px below ${BLOCK_LOW}` +
        (regions.length > 0 ? `, forming ${regions.length} region${regions.length > 1 ? 's' : ''}` : ''),
    ),
  ];
  for (const r of regions) results.push(r.result(ref.zoneId));
  return results;
}

interface LowRegion {
  readonly deviation: number;
  readonly result: (zoneId: string) => ZoneComparison;
}

/** Connected groups (4-neighbours) of low blocks, as regions with their own result. */
function lowRegions(scores: readonly { block: Block; zncc: number }[], origin: Box): LowRegion[] {
  const low = new Map<string, { block: Block; zncc: number }>();
  for (const s of scores) if (s.zncc < BLOCK_LOW) low.set(`${s.block.bx},${s.block.by}`, s);
  const seen = new Set<string>();
  const out: LowRegion[] = [];
  for (const [key, start] of low) {
    if (seen.has(key)) continue;
    const cluster: { block: Block; zncc: number }[] = [];
    const stack = [start];
    seen.add(key);
    while (stack.length > 0) {
      const s = stack.pop()!;
      cluster.push(s);
      for (const [dx, dy] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ] as const) {
        const k = `${s.block.bx + dx},${s.block.by + dy}`;
        const n = low.get(k);
        if (n && !seen.has(k)) {
          seen.add(k);
          stack.push(n);
        }
      }
    }
    if (cluster.length < MIN_REGION_BLOCKS) continue;
    const mean = cluster.reduce((s, c) => s + c.zncc, 0) / cluster.length;
    const x0 = Math.min(...cluster.map((c) => c.block.window.x0)) + origin.x;
    const y0 = Math.min(...cluster.map((c) => c.block.window.y0)) + origin.y;
    const x1 = Math.max(...cluster.map((c) => c.block.window.x1)) + origin.x;
    const y1 = Math.max(...cluster.map((c) => c.block.window.y1)) + origin.y;
    const deviation = ramp(mean, BLOCK_LOW, BLOCK_FULL);
    out.push({
      deviation,
      result: (zoneId) =>
        measuredResult(
          zoneId,
          'background',
          { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
          { regionBandZncc: mean, regionBlocks: cluster.length },
          { blockZnccMin: BLOCK_LOW },
          deviation,
          `background print in a ${x1 - x0} x ${y1 - y0} px region at (${x0}, ${y0}) correlates ${mean.toFixed(2)} with the template's (${cluster.length} blocks of ${BLOCK} px below ${BLOCK_LOW})`,
        ),
    });
  }
  return out;
}
