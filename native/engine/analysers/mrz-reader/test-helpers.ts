/** Helpers shared by the MRZ reader's unit tests: synthetic zones with known geometry. */
import type { GrayImage } from '../../imaging/raster';
import { SeededRandom } from './training/random';
import type { MrzRenderSpec, SynthMrz } from './training/synth-image';
import { renderMrz } from './training/synth-image';

/** Fixed TD1 / TD2 / TD3 test lines (ICAO Utopia specimens). */
export const SPECIMEN_LINES = {
  TD1: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
  TD2: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
  TD3: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
} as const;

/** Render `lines` cleanly (no clutter, no glare) with overrides. */
export function renderTestZone(lines: readonly string[], overrides: Partial<MrzRenderSpec> = {}, seed = 7): Promise<SynthMrz> {
  const spec: MrzRenderSpec = { lines, charHeight: 24, pitchRatio: 0.75, lineSpacing: 2, angle: 0, stroke: 0, ink: 20, paper: 235, clutter: false, glare: 0, ...overrides };
  return renderMrz(new SeededRandom(seed), spec);
}

/** Paint a filled rectangle of grey `value` into a copy of `image`. */
export function paintRect(image: GrayImage, x: number, y: number, w: number, h: number, value: number): GrayImage {
  const data = Uint8Array.from(image.data);
  for (let yy = Math.max(0, Math.round(y)); yy < Math.min(image.height, Math.round(y + h)); yy++) {
    for (let xx = Math.max(0, Math.round(x)); xx < Math.min(image.width, Math.round(x + w)); xx++) data[yy * image.width + xx] = value;
  }
  return { width: image.width, height: image.height, data };
}
