/**
 * Synthetic MRZ images for training and tests: whole zones set in OCR-B (the fontconfig family "OCR B" of
 * Debian's fonts-ocr-b) at a fixed pitch, rendered through SVG by sharp, with optional distracting text
 * above, a tinted or guilloche background, glare, rotation and sub-pixel placement; {@link degrade} then
 * adds blur, noise, JPEG and binarization artefacts.
 */
import sharp from 'sharp';
import type { GrayImage, Point } from '../../../imaging/raster';
import { randomMrzLine, SYNTH_LAYOUTS } from './mrz-text';
import type { SeededRandom } from './random';

/** fontconfig family of OCRB.otf. */
export const OCR_B_FAMILY = 'OCR B';

/** How to draw one zone. Every field has a random default. */
export interface MrzRenderSpec {
  readonly lines: readonly string[];
  /** Cap height of the letters in px (digits are ~10 % taller). */
  readonly charHeight: number;
  /** Pitch as a fraction of the font size (OCR-B at 10 cpi: ~0.75). */
  readonly pitchRatio: number;
  /** Line spacing in cap heights. */
  readonly lineSpacing: number;
  /** Rotation in degrees (clockwise). */
  readonly angle: number;
  /** Extra stroke width as a fraction of the font size (bolder print). */
  readonly stroke: number;
  readonly ink: number;
  readonly paper: number;
  /** Draw proportional distractor text and background curves. */
  readonly clutter: boolean;
  /** Brightness gradient strength 0..1 (glare). */
  readonly glare: number;
  /**
   * Vertical scale of digits. OCRB.otf draws digits 10 % taller than capitals; other OCR-B
   * implementations and printers make them equal (0.91), so the model must not rely on height alone.
   */
  readonly digitHeightScale?: number;
}

/** A rendered zone with the true centres of its first and last cells per line. */
export interface SynthMrz {
  readonly image: GrayImage;
  readonly lines: readonly string[];
  readonly starts: readonly Point[];
  readonly ends: readonly Point[];
  readonly pitch: number;
}

const CAP_HEIGHT_EM = 0.7; // OCRB.otf: capitals are 0.70 em, digits 0.77 em tall

function esc(ch: string): string {
  return ch === '<' ? '&lt;' : ch;
}

/** A random spec: layout, size 10..40 px, geometry and print style. */
export function randomRenderSpec(random: SeededRandom, layout = random.pick(SYNTH_LAYOUTS)): MrzRenderSpec {
  const lines = Array.from({ length: layout.lines }, () => randomMrzLine(random, layout.chars));
  // Small glyphs are the hard case: half of the samples are 9-20 px (12 px is the target minimum).
  const charHeight = random.chance(0.5) ? random.range(9, 20) : random.range(20, 40);
  return {
    lines,
    charHeight,
    pitchRatio: random.range(0.7, 0.8),
    lineSpacing: random.range(1.6, 2.4),
    angle: random.chance(0.5) ? random.range(-1, 1) : random.range(-5, 5),
    stroke: random.chance(0.4) ? random.range(0, 0.05) : 0,
    ink: random.int(0, 90),
    paper: random.int(150, 252),
    clutter: random.chance(0.6),
    glare: random.chance(0.3) ? random.range(0.2, 0.7) : 0,
    digitHeightScale: random.chance(0.5) ? random.range(0.9, 1) : 1,
  };
}

function clutterSvg(random: SeededRandom, width: number, height: number, mrzTop: number, fontSize: number, ink: number): string {
  const parts: string[] = [];
  for (let k = 0; k < random.int(3, 9); k++) {
    const base = random.range(0, height);
    const amp = random.range(5, 30);
    const period = random.range(60, 300);
    let d = '';
    for (let x = 0; x <= width; x += 10) d += `${x === 0 ? 'M' : 'L'}${x} ${(base + amp * Math.sin(x / period)).toFixed(1)} `;
    parts.push(`<path d="${d}" stroke="rgb(${ink + 90},${ink + 90},${ink + 90})" stroke-width="${random.range(0.5, 2).toFixed(1)}" fill="none" stroke-opacity="${random.range(0.1, 0.4).toFixed(2)}"/>`);
  }
  const words = ['SURNAME', 'GIVEN NAMES', 'DATE OF BIRTH', 'NATIONALITY', 'UTOPIA', 'RESIDENCE PERMIT', '12.08.1974', 'PLACE', 'ANNA MARIA'];
  let y = mrzTop - random.range(0.8, 1.5) * fontSize;
  while (y > fontSize) {
    const size = fontSize * random.range(0.5, 1.2);
    const text = Array.from({ length: random.int(1, 4) }, () => random.pick(words)).join(' ');
    const family = random.chance(0.8) ? 'DejaVu Sans' : OCR_B_FAMILY;
    parts.push(`<text x="${random.range(0, width * 0.4).toFixed(1)}" y="${y.toFixed(1)}" font-family="${family}" font-size="${size.toFixed(1)}" fill="rgb(${ink},${ink},${ink})">${text}</text>`);
    y -= size * random.range(1.3, 2.5);
  }
  return parts.join('');
}

/** Render `spec` into a grey image with random margins. */
export async function renderMrz(random: SeededRandom, spec: MrzRenderSpec): Promise<SynthMrz> {
  const fontSize = spec.charHeight / CAP_HEIGHT_EM;
  const pitch = fontSize * spec.pitchRatio;
  const chars = spec.lines[0]!.length;
  const spacing = spec.lineSpacing * spec.charHeight;
  const marginX = random.range(1, 5) * pitch + random.next();
  const top = (spec.clutter ? random.range(3, 8) : random.range(1, 3)) * spec.charHeight + random.next();
  const bottom = random.range(1, 3) * spec.charHeight;
  const width = Math.ceil(2 * marginX + chars * pitch);
  const height = Math.ceil(top + (spec.lines.length - 1) * spacing + spec.charHeight + bottom);
  const cx = width / 2;
  const cy = height / 2;
  const rad = (spec.angle * Math.PI) / 180;
  const turn = (x: number, y: number): Point => [cx + (x - cx) * Math.cos(rad) - (y - cy) * Math.sin(rad), cy + (x - cx) * Math.sin(rad) + (y - cy) * Math.cos(rad)];
  const ink = `rgb(${spec.ink},${spec.ink},${spec.ink})`;
  const glyphs: string[] = [];
  const starts: Point[] = [];
  const ends: Point[] = [];
  spec.lines.forEach((line, li) => {
    const baseline = top + spec.charHeight + li * spacing;
    const centreY = baseline - spec.charHeight / 2;
    starts.push(turn(marginX + pitch / 2, centreY));
    ends.push(turn(marginX + pitch * (chars - 0.5), centreY));
    for (let i = 0; i < line.length; i++) {
      const x = marginX + pitch * (i + 0.5);
      const stroke = spec.stroke > 0 ? ` stroke="${ink}" stroke-width="${(spec.stroke * fontSize).toFixed(2)}"` : '';
      const squash = spec.digitHeightScale ?? 1;
      const scale = squash !== 1 && /[0-9]/.test(line[i]!) ? ` transform="translate(0 ${baseline.toFixed(2)}) scale(1 ${squash.toFixed(3)}) translate(0 ${(-baseline).toFixed(2)})"` : '';
      glyphs.push(`<text x="${x.toFixed(2)}" y="${baseline.toFixed(2)}" text-anchor="middle" font-family="${OCR_B_FAMILY}" font-size="${fontSize.toFixed(2)}" fill="${ink}"${stroke}${scale}>${esc(line[i]!)}</text>`);
    }
  });
  const paper = `rgb(${spec.paper},${spec.paper},${spec.paper})`;
  const glare =
    spec.glare > 0
      ? `<defs><linearGradient id="g" x1="${random.next().toFixed(2)}" y1="0" x2="1" y2="${random.next().toFixed(2)}"><stop offset="0" stop-color="#fff" stop-opacity="${spec.glare.toFixed(2)}"/><stop offset="1" stop-color="#000" stop-opacity="${(spec.glare / 3).toFixed(2)}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>`
      : '';
  const clutter = spec.clutter ? clutterSvg(random, width, height, top, fontSize, spec.ink) : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${paper}"/>` +
    `<g transform="rotate(${spec.angle.toFixed(3)} ${cx} ${cy})">${clutter}${glyphs.join('')}</g>${glare}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const image: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
  return { image, lines: spec.lines, starts, ends, pitch };
}
